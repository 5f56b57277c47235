import { mergeAttributes, Node } from "@tiptap/core";
import { blockWithLine } from "@/lib/editor/nodes/math";
import { EMBED_PROVIDER_NAMES, embedOf, embedPageUrl, embedTitle, parseEmbedUrl } from "@/lib/editor/embeds";

/*
 * An embedded video, pen or gist: provider, id and title only (lib/editor/embeds.ts builds every URL
 * from them). The editor shows a card; readers get a placeholder that loads nothing until clicked.
 */

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    embed: {
      /** Inserts an embed for a YouTube, Vimeo, CodePen or GitHub Gist URL; false for any other URL. */
      insertEmbed: (url: string, title?: string) => ReturnType;
    };
  }
}

export const Embed = Node.create({
  name: "embed",
  group: "block",
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      provider: { default: null, parseHTML: (element) => element.getAttribute("data-provider"), renderHTML: (attributes) => ({ "data-provider": attributes.provider }) },
      id: { default: null, parseHTML: (element) => element.getAttribute("data-id"), renderHTML: (attributes) => ({ "data-id": attributes.id }) },
      title: { default: "", parseHTML: (element) => element.getAttribute("data-title") ?? "", renderHTML: (attributes) => ({ "data-title": attributes.title }) },
    };
  },

  parseHTML: () => [{ tag: "div[data-embed][data-provider][data-id]" }],

  renderHTML({ node, HTMLAttributes }) {
    const embed = embedOf(node.attrs);
    const label = embed ? `${EMBED_PROVIDER_NAMES[embed.provider]}: ${embedTitle(node.attrs, embed.provider)}` : "Embed";
    return ["div", mergeAttributes(HTMLAttributes, { "data-embed": "", class: "embed-card" }), ["span", {}, label], embed ? ["span", { class: "embed-url" }, embedPageUrl(embed)] : ["span", {}, ""]];
  },

  addCommands() {
    return {
      insertEmbed:
        (url, title = "") =>
        ({ commands, state }) => {
          const embed = parseEmbedUrl(url);
          if (!embed) return false;
          return commands.insertContent(blockWithLine(state.selection.$from.parent, { type: this.name, attrs: { ...embed, title: title.trim() } }));
        },
    };
  },
});
