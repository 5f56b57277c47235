import { serializeJsonLd, type JsonLdObject } from "@/lib/structured-data";

export interface JsonLdProps {
  data: JsonLdObject | JsonLdObject[];
}

/** Structured data for search engines; the serialiser escapes "<", so content cannot end the script. */
export function JsonLd({ data }: JsonLdProps) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
