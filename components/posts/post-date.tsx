import { getSiteTimezone } from "@/lib/site";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) formatters.set(timeZone, (formatter = new Intl.DateTimeFormat("en", { year: "numeric", month: "long", day: "numeric", timeZone })));
  return formatter;
}

/** A post's date as readers see it: the calendar day in the site's time zone (site settings). */
export async function PostDate({ date }: { date: Date }) {
  const timeZone = await getSiteTimezone();
  return <time dateTime={date.toISOString()}>{formatterFor(timeZone).format(date)}</time>;
}
