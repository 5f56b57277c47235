import { describe, expect, it } from "vitest";
import { MIN_PASSWORD_LENGTH, passwordProblem, siteSpecificWords } from "./password-policy";

const ada = { siteTitle: "Night Owl Notes", name: "Ada Lovelace", email: "ada.lovelace@analytical.example" };

describe("passwordProblem", () => {
  it("refuses fewer than 10 characters, however random", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(passwordProblem("x7#Qp!2vL")).toBe("Use at least 10 characters.");
  });

  it.each(["password123", "qwertyuiop", "1234567890", "iloveyou2024", "aaaaaaaaaaaa"])("refuses the guessable %j with advice", (password) => {
    expect(passwordProblem(password)).toMatch(/^This password is too easy to guess\./);
  });

  it.each([
    ["the product name", "quire-quire-quire-2026!"],
    ["the site title", "NightOwlNotes#2026"],
    ["the person's name", "lovelace-engine-1843"],
    ["the email's local part", "ada.lovelace!Kx9"],
    ["the email's domain", "analytical!Zebra77"],
  ])("refuses a password built on %s", (_label, password) => {
    expect(passwordProblem(password, ada)).toBe("Don’t use the site’s name, your name or your email address in the password.");
  });

  it("accepts the same words when they do not belong to this site or person", () => {
    expect(passwordProblem("lovelace-engine-1843", { name: "Grace Hopper", email: "grace@navy.example" })).toBeNull();
  });

  it.each(["correct horse battery staple lamp", "vN4#tq8!Wz2p", "tangerine orbit velvet canyon"])("accepts the strong %j", (password) => {
    expect(passwordProblem(password, ada)).toBeNull();
  });

  it("accepts a 200-character passphrase", () => {
    const passphrase = "marble harbour quietly folds seven paper lanterns while the ferry hums ".repeat(3).slice(0, 200);
    expect(passphrase).toHaveLength(200);
    expect(passwordProblem(passphrase, ada)).toBeNull();
  });

  it("refuses absurdly long input", () => {
    expect(passwordProblem("a1!".repeat(400))).toBe("Use at most 1000 characters.");
  });
});

describe("siteSpecificWords", () => {
  it("collects the product, site title, name and both halves of the email", () => {
    expect(siteSpecificWords(ada)).toEqual(
      expect.arrayContaining(["quire", "nightowlnotes", "night", "owl", "notes", "adalovelace", "ada", "lovelace", "ada.lovelace", "analytical"]),
    );
  });
});
