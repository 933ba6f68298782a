// A field for choosing a password (sign-up, change password): the policy's hint and limits, and
// autocomplete="new-password" so password managers offer to generate one.
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";

export function NewPasswordField({ label, name, error }: { label: string; name: string; error?: string[] }) {
  return (
    <Field label={label} name={name} error={error} description={`At least ${PASSWORD_MIN_LENGTH} characters.`} required>
      {(props) => (
        <Input
          {...props}
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={PASSWORD_MAX_LENGTH}
        />
      )}
    </Field>
  );
}
