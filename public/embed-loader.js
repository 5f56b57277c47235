// Reader pages: an embed's player loads only when the reader asks for it. Served as a file, so the
// Content-Security-Policy's script-src 'self' covers it; frames are limited to these origins there too.
(function () {
  var origins = ["https://www.youtube-nocookie.com", "https://player.vimeo.com", "https://codepen.io"];
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button[data-embed-src]") : null;
    if (!button) return;
    var src = button.getAttribute("data-embed-src") || "";
    var url;
    try {
      url = new URL(src);
    } catch {
      return;
    }
    if (origins.indexOf(url.origin) === -1) return;
    var frame = document.createElement("iframe");
    frame.src = url.href;
    frame.title = button.getAttribute("data-embed-title") || "Embedded content";
    frame.className = "embed-frame";
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox");
    frame.setAttribute("allow", "fullscreen; picture-in-picture; encrypted-media");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    var placeholder = button.closest(".embed-placeholder");
    if (!placeholder) return;
    placeholder.replaceWith(frame);
    frame.focus();
  });
})();
