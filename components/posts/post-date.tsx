const formatter = new Intl.DateTimeFormat("en", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

export function PostDate({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatter.format(date)}</time>;
}
