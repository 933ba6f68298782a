// An authorised operator for tests that call the platform's read functions directly (pages get
// theirs from requireOperator(); lib/http/operator.ts mints it only after checking the flag).
import { operatorFromUser, type SessionOperator } from "@/lib/http/operator";

export function testOperator(id = "test-operator"): SessionOperator {
  return operatorFromUser({ id, email: "ops@example.test", name: null, isPlatformAdmin: true });
}
