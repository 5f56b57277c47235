import Image from "@tiptap/extension-image";
import StarterKit from "@tiptap/starter-kit";
import { safeHref } from "@/lib/editor/safe-href";

/**
 * The one definition of the post document schema, shared by the editor, write-time validation and
 * every renderer so they cannot drift. Isomorphic: no React node views here.
 */
export const postExtensions = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] }, // h1 is the post title
    link: {
      openOnClick: false,
      autolink: true,
      defaultProtocol: "https",
      protocols: ["http", "https", "mailto"],
      isAllowedUri: (url) => safeHref(url) !== null,
      HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
    },
  }),
  Image.configure({ inline: false, allowBase64: false }),
];
