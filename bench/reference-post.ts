/**
 * The demo post the demo-content run loads (a median-length one; the 10,000-post run loads a generated
 * post of about its length).
 */
export const REFERENCE_POST_SLUG = "hybrid-retrieval-in-practice";
