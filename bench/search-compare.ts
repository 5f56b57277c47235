/**
 * Whether two servers answer the same searches with the same results: for a change to how search finds,
 * ranks, counts or marks results, run the build before it and the build after it on copies of the same
 * data, and compare.
 *
 *   npx tsx bench/search-compare.ts --before http://127.0.0.1:3320 --after http://127.0.0.1:3321 \
 *     --database postgresql://…/quire_search_10k [--words 1000] [--seed 1]
 *
 * Queries: `--words` words of the published corpus (search_terms, ordered by md5(word || seed)), a fifth
 * as many two-word queries, and a tenth as many words with a letter dropped (typo correction, then the
 * title fallback). For each: page 1, and when there are more pages page 2, the last page and page 11
 * (where the ranking of every match takes over from the date walk, the search_dense_words migration).
 * Compared: the results HTML (count, notices, hits with their marked titles and snippets, dates, tags,
 * pagination) and the page title. Exits 1 on any difference, printing the first few.
 * Each server caches what it answered: load benchmarks before this, not after, on the same server.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { assertLoopback } from "./load";

const RESULTS = /<section aria-labelledby="search-results-heading">[\s\S]*?<\/section>/;
const TITLE = /<title>([\s\S]*?)<\/title>/;
const PAGES = /· page \d+ of (\d+)</;

interface Answer {
  status: number;
  title: string;
  results: string;
  pages: number;
}

async function fetchAnswer(origin: string, query: string, page: number): Promise<Answer> {
  const response = await fetch(`${origin}/search?q=${encodeURIComponent(query)}${page > 1 ? `&page=${page}` : ""}`);
  const html = await response.text();
  if (response.headers.get("x-quire-search") !== "index") throw new Error(`${origin} did not answer ${query} from its search path`);
  const results = RESULTS.exec(html)?.[0] ?? "";
  return { status: response.status, title: TITLE.exec(html)?.[1] ?? "", results, pages: Number(PAGES.exec(results)?.[1] ?? 1) };
}

async function main() {
  const { values } = parseArgs({
    options: {
      before: { type: "string" },
      after: { type: "string" },
      database: { type: "string" },
      words: { type: "string", default: "1000" },
      seed: { type: "string", default: "1" },
    },
  });
  if (!values.before || !values.after || !values.database) throw new Error("Usage: bench/search-compare.ts --before ORIGIN --after ORIGIN --database URL");
  assertLoopback(values.before);
  assertLoopback(values.after);
  const count = Number(values.words);
  const client = new pg.Client(values.database);
  await client.connect();
  const { rows } = await client.query<{ word: string }>("SELECT word FROM search_terms WHERE word ~ '^[a-z]+$' ORDER BY md5(word || $1), word LIMIT $2", [values.seed, count * 2]);
  await client.end();
  const words = rows.map((row) => row.word);
  if (words.length < count) throw new Error(`The corpus has only ${words.length} words.`);
  const queries = [
    ...words.slice(0, count),
    ...Array.from({ length: Math.floor(count / 5) }, (_, index) => `${words[count + 2 * index]} ${words[count + 2 * index + 1]}`),
    // A letter dropped from the middle: mostly no match, so the correction and title paths answer.
    ...words.slice(0, Math.floor(count / 10)).filter((word) => word.length >= 5).map((word) => word.slice(0, 2) + word.slice(3)),
  ];
  let pagesCompared = 0;
  let withResults = 0;
  const differences: string[] = [];
  const compare = async (query: string, page: number): Promise<Answer> => {
    const [before, after] = await Promise.all([fetchAnswer(values.before!, query, page), fetchAnswer(values.after!, query, page)]);
    pagesCompared += 1;
    if (before.status !== after.status || before.title !== after.title || before.results !== after.results) {
      differences.push(`${query} page ${page}:\n  before ${before.status} ${before.title}\n    ${before.results.slice(0, 600)}\n  after  ${after.status} ${after.title}\n    ${after.results.slice(0, 600)}`);
    }
    return before;
  };
  for (const query of queries) {
    const first = await compare(query, 1);
    if (first.results.includes("<article")) withResults += 1;
    if (first.pages > 1) {
      for (const page of new Set([2, first.pages, 11].filter((page) => page <= first.pages))) await compare(query, page);
    }
  }
  console.log(`${queries.length} queries (${count} words, ${Math.floor(count / 5)} pairs, ${queries.length - count - Math.floor(count / 5)} misspelt), ${withResults} with hits on page 1; ${pagesCompared} result pages compared, ${differences.length} differ.`);
  for (const difference of differences.slice(0, 5)) console.log(difference);
  if (differences.length > 0) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
