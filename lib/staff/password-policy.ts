import "server-only";
import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

export const MIN_PASSWORD_LENGTH = 10;
/** Long passphrases are welcome (argon2 hashes every byte); this only bounds the work per request. */
export const MAX_PASSWORD_LENGTH = 1000;
/** zxcvbn's 0–4 score; 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
const MIN_SCORE = 3;

/** Words of this site and this person that a password must not lean on. */
export interface PasswordContext {
  siteTitle?: string | null;
  name?: string | null;
  email?: string | null;
}

let factory: ZxcvbnFactory | undefined;

/** Built on first use: ranking the dictionaries takes a moment and much memory, so never at import. */
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
    // Long passphrases are scored on their first 256 characters, which is plenty to judge them.
    maxLength: 256,
  });
  return factory;
}

/** "quire", the site title, the person's name and both halves of their email, split into words. */
export function siteSpecificWords(context: PasswordContext): string[] {
  const words = ["quire"];
  const email = context.email?.trim().toLowerCase() ?? "";
  const [local = "", domain = ""] = email.split("@");
  for (const text of [context.siteTitle, context.name, local, domain.split(".")[0]]) {
    if (!text) continue;
    const lower = text.toLowerCase();
    words.push(lower.replace(/\s+/g, ""));
    words.push(...lower.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3));
  }
  return [...new Set(words.filter(Boolean))];
}

/** Whether the cheapest guess goes through a site word, also inside a repeated part ("quire-quire-"). */
function leansOn(result: ZxcvbnResult, userInputs: string[], depth = 0): boolean {
  return result.sequence.some((match) => {
    if (match.pattern === "dictionary" && match.dictionaryName === "userInputs") return true;
    if (match.pattern === "repeat" && typeof match.baseToken === "string" && depth < 2) {
      return leansOn(zxcvbn().check(match.baseToken, userInputs), userInputs, depth + 1);
    }
    return false;
  });
}

/**
 * Why this password is refused, or null when it is acceptable: at least 10 characters, not built on the
 * site's or the person's own words, and strong by zxcvbn's estimate. Messages are written for the form.
 */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const userInputs = siteSpecificWords(context);
  const result: ZxcvbnResult = zxcvbn().check(password, userInputs);
  // The cheapest way to guess the password goes through one of these words: the site's name, the
  // person's name or email. Refused even when the rest scores well, as Ghost does.
  if (leansOn(result, userInputs)) {
    return "Don’t use the site’s name, your name or your email address in the password.";
  }
  if (result.score >= MIN_SCORE) return null;
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter((text): text is string => Boolean(text));
  return ["This password is too easy to guess.", ...advice, advice.length === 0 ? "Try a few unrelated words together." : ""]
    .filter(Boolean)
    .join(" ");
}
