import type { HighlightSegment } from "@/lib/search-query";

/** Text with matched words in <mark>; every piece is a React text node, so nothing is parsed as HTML. */
export function HighlightedText({ segments }: { segments: HighlightSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.highlight ? (
          <mark key={index} className="search-highlight">
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
