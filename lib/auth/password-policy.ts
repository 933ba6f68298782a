// The password rules every form and schema states (sign-up, change password): shared by the
// server's validation (lib/auth/schemas.ts) and the forms' hints and minLength attributes.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
