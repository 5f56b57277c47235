"use client";

import { useLayoutEffect, useRef } from "react";

interface TitleFieldProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** Enter in the title: the writer goes on to the body, as in Ghost. */
  onEnter: () => void;
  invalid: boolean;
}

/** Titles are one line of text: line breaks pasted into one become spaces. */
export function titleFromInput(text: string): string {
  return text.replace(/[ \t]*[\r\n]+[ \t]*/g, " ");
}

/**
 * The post's title, wrapped over as many lines as it takes at this width, so a long title is seen whole
 * while it is written (a single-line field showed its start only). The field grows with its text
 * (CSS field-sizing where the browser has it, its scroll height otherwise).
 */
export function TitleField({ id, value, onChange, onEnter, invalid }: TitleFieldProps) {
  const field = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    const element = field.current;
    if (!element || CSS.supports("field-sizing", "content")) return;
    const fit = () => {
      element.style.height = "auto";
      element.style.height = `${element.scrollHeight}px`;
    };
    fit();
    window.addEventListener("resize", fit);
    return () => window.removeEventListener("resize", fit);
  }, [value]);

  return (
    <textarea
      ref={field}
      id={id}
      rows={1}
      value={value}
      onChange={(event) => onChange(titleFromInput(event.target.value))}
      onKeyDown={(event) => {
        if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
        event.preventDefault();
        onEnter();
      }}
      placeholder="Post title"
      maxLength={200}
      aria-invalid={invalid ? true : undefined}
      className="block w-full min-w-0 resize-none overflow-hidden border-0 bg-transparent px-0 text-3xl font-bold tracking-tight text-balance [field-sizing:content] placeholder:text-zinc-400 focus:ring-0 sm:text-4xl"
    />
  );
}
