// The forced change of the initial password: the form's own check, before the server applies the policy.
import type { MessageKey } from "./i18n";

export interface PasswordChangeInput {
  current: string;
  next: string;
  confirm: string;
}

/**
 * What is wrong with the form before it is sent, or null. Only what the server cannot know is checked here (both
 * new passwords typed alike); the policy's rules are the server's, and its per-rule messages are shown as they come.
 */
export function checkPasswordChange({ current, next, confirm }: PasswordChangeInput): MessageKey | null {
  if (current === "" || next === "") return "password.missing";
  if (next !== confirm) return "password.mismatch";
  return null;
}
