// A submitted form's fields as strings: server actions turn FormData into it (lib/http/action.ts),
// and the domains that parse forms themselves (the API key, payout and one-off invoice forms) take
// it without importing the request layer.
export type FormInput = Record<string, string>;
