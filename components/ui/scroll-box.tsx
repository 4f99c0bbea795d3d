"use client";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";

/**
 * A box that scrolls its wide content sideways instead of widening the page. While the
 * content overflows it is a named, focusable region (so the keyboard can scroll it) and
 * carries `data-overflow`, which the table uses to keep its first column in view. The
 * region is named by the table's caption when there is one, else by `label`.
 */
export function ScrollBox({ label, className, children }: { label?: string; className: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState(false);
  const [captionId, setCaptionId] = useState<string>();
  const fallbackId = useId();
  useEffect(() => {
    const el = box.current!;
    const caption = el.querySelector("caption");
    if (caption) {
      caption.id ||= `${fallbackId}-caption`;
      setCaptionId(caption.id);
    }
    const measure = () => setOverflow(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [fallbackId]);
  return (
    <div
      ref={box}
      className={`group/scroll relative ${className}`}
      data-overflow={overflow || undefined}
      role={overflow ? "region" : undefined}
      aria-labelledby={overflow && captionId ? captionId : undefined}
      aria-label={overflow && !captionId ? label : undefined}
      tabIndex={overflow ? 0 : undefined}
    >
      {children}
    </div>
  );
}
