// No zod here: forms in the browser show these limits, and importing a module that builds zod object
// schemas there makes zod probe for eval (refused by the Content-Security-Policy) and adds it to the bundle.

export const MAX_NAME_LENGTH = 100;
export const MAX_BIO_LENGTH = 250;
export const MAX_WEBSITE_LENGTH = 2000;

/** Same limit as a tag typed in the post editor, so a renamed tag still fits there. */
export const MAX_TAG_NAME_LENGTH = 60;
export const MAX_TAG_DESCRIPTION_LENGTH = 500;
