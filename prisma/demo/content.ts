/**
 * Demo content for a fresh Quire install: one site, two authors, six tags and
 * thirteen long-form posts (twelve published, one draft) written as Tiptap JSON.
 * Pure data — the seed script decides how to persist it.
 */
import { b, code, codeBlock, doc, h2, h3, hr, i, image, li, link, ol, p, quote, ul } from "./builders";
import type { DocNode } from "./builders";

export type DemoPost = {
  title: string;
  slug: string;
  customExcerpt: string;
  authorKey: string;
  tagSlugs: string[];
  daysAgo: number;
  status: "PUBLISHED" | "DRAFT";
  doc: DocNode;
};

export const demoSite: { title: string; description: string } = {
  title: "Ironbark Engineering Notes",
  description:
    "Engineering notes on AI and data systems in production from a small consultancy that builds and runs them: latency, retrieval, pipelines, evals and more.",
};

export const demoAuthors: {
  key: string;
  name: string;
  email: string;
  slug: string;
  bio: string;
  role: "EDITOR" | "AUTHOR";
}[] = [
  {
    key: "maya",
    name: "Maya Okafor",
    email: "maya@example.com",
    slug: "maya-okafor",
    bio: "Principal engineer at Ironbark. Builds retrieval and LLM systems for clients, then stays long enough to be paged by them. Once ran search at a marketplace.",
    role: "EDITOR",
  },
  {
    key: "tomas",
    name: "Tomas Lindqvist",
    email: "tomas@example.com",
    slug: "tomas-lindqvist",
    bio: "Data platform engineer at Ironbark. Spends his days on pipelines, schemas and model operations, and his evenings arguing that most problems are batch problems.",
    role: "AUTHOR",
  },
];

export const demoTags: { name: string; slug: string; description: string }[] = [
  {
    name: "LLMs",
    slug: "llms",
    description: "Building, shipping and operating features on top of large language models.",
  },
  {
    name: "Retrieval",
    slug: "retrieval",
    description: "Search, ranking and RAG: getting the right context in front of the model.",
  },
  {
    name: "Data Engineering",
    slug: "data-engineering",
    description: "Pipelines, schemas and contracts — the foundations every model depends on.",
  },
  {
    name: "MLOps",
    slug: "mlops",
    description: "Versioning, deployment, monitoring and rollback for machine learning systems.",
  },
  {
    name: "Evaluation",
    slug: "evaluation",
    description: "Measuring whether AI systems actually work, before and after release.",
  },
  {
    name: "Strategy",
    slug: "strategy",
    description: "Deciding what to build, how to scope it, and when to stop.",
  },
];

// ---------------------------------------------------------------------------
// Posts
// ---------------------------------------------------------------------------

const latencyBudgets: DemoPost = {
  title: "Start With the Stopwatch: Latency Budgets for LLM Features",
  slug: "latency-budgets-for-llm-features",
  customExcerpt:
    "Before you tune a single prompt, write down how long the user is willing to wait — then split that number across every hop in the request.",
  authorKey: "maya",
  tagSlugs: ["llms", "strategy"],
  daysAgo: 3,
  status: "PUBLISHED",
  doc: doc(
    p(
      "Every LLM feature we have been asked to “make faster” shared the same root problem: nobody had ever said how fast it needed to be. The team had a vague sense that it felt slow, a dashboard showing average response time, and a backlog of optimizations ranked by whoever argued loudest. Weeks went into shaving tokens off a system prompt while the real delay sat in a retrieval call that fanned out to four services in sequence.",
    ),
    p(
      "A latency budget fixes this by turning “feels slow” into a number with an owner. It is not a new idea — web performance teams have worked this way for years — but LLM systems make it more important, because the dominant cost in the request is both large and highly variable.",
    ),
    h2("Pick the number from the interaction, not the model"),
    p("Start from what the user is doing. The acceptable wait depends almost entirely on the shape of the interaction:"),
    ul(
      li(
        b("Inline assistance"),
        " such as autocomplete or rewrite suggestions: the result must arrive before the user has moved on. That means a few hundred milliseconds, which usually rules out large models entirely.",
      ),
      li(
        b("Conversational answers"),
        ": users tolerate a longer total time if something appears quickly, so time to first token matters more than time to last token.",
      ),
      li(
        b("Background work"),
        " such as summarizing a ticket or classifying a document: nobody is watching a spinner, so throughput and cost dominate and a ten-second call is perfectly fine.",
      ),
    ),
    p(
      "Write the budget as a percentile, not an average. ",
      i("p95 time to first token under 1.5 seconds"),
      " is a requirement you can test; “fast” is not. Averages hide exactly the requests that generate complaints: the long-context ones, the retries, the ones that hit a cold cache.",
    ),
    h2("Decompose the budget across the request path"),
    p(
      "Once you have a number, spend it deliberately. A typical retrieval-augmented request passes through several stages, and each one needs an allocation:",
    ),
    ol(
      "Request handling and authentication — tens of milliseconds, and it should stay that way.",
      "Query rewriting or classification, if you use a small model for it.",
      "Retrieval: embedding the query, searching one or more indexes, reranking the candidates.",
      "Prompt assembly, including any lookups for user or account context.",
      "Model time to first token, which grows with prompt length.",
      "Generation, which grows roughly linearly with the number of output tokens.",
      "Post-processing: validation, guardrails and formatting.",
    ),
    image(
      "/demo/latency-budget.png",
      "A 1,500 ms time-to-first-token budget drawn as one bar: request handling 50 ms, query rewriting 150 ms, retrieval and reranking 400 ms, prompt assembly 50 ms, model time to first token 650 ms, and 200 ms of headroom.",
      "The budget for a conversational answer: everything before the first token, at p95.",
    ),
    p(
      "Putting a number next to each line is uncomfortable, and that discomfort is the point. You discover that a reranker added casually is eating a third of the budget, or that a query-rewrite step which improves recall by a couple of points costs as much as retrieval itself. Those can be good trades, but they should be made on purpose.",
    ),
    h3("Output tokens are the expensive part"),
    p(
      "For most hosted models, processing the prompt is fast relative to decoding. Output tokens are produced one after another, so a response of 800 tokens takes meaningfully longer than one of 200 no matter how short the prompt is. The cheapest latency win is usually asking for less: tighter output formats, a hard ",
      code("max_tokens"),
      " limit, and structured responses instead of prose whenever the reader is another program.",
    ),
    h2("Measure each stage on every request"),
    p(
      "A budget you cannot observe is a wish. Instrument each stage so you can see where the time goes on the slow requests, not just the typical ones. If you already have distributed tracing, ",
      link("OpenTelemetry", "https://opentelemetry.io/docs/"),
      " spans are the natural fit. If not, a small timing helper that logs stage durations with a request id gets you most of the way:",
    ),
    codeBlock(
      "typescript",
      `
      type StageTimings = Record<string, number>;

      export async function timed<T>(
        timings: StageTimings,
        stage: string,
        fn: () => Promise<T>,
      ): Promise<T> {
        const start = performance.now();
        try {
          return await fn();
        } finally {
          timings[stage] = Math.round(performance.now() - start);
        }
      }

      // Inside a request handler:
      const timings: StageTimings = {};
      const query = await timed(timings, "rewrite", () => rewriteQuery(input));
      const passages = await timed(timings, "retrieve", () => retrieve(query));
      const answer = await timed(timings, "generate", () => generate(query, passages));
      logger.info({ requestId, timings }, "llm_request_stages");
      `,
    ),
    p(
      "Record time to first token and total time as separate metrics. They respond to different fixes: the first is dominated by everything that happens before generation plus prompt length, the second by output length.",
    ),
    h2("When you are over budget"),
    p("With per-stage numbers the options become concrete, and most of them are cheaper than switching models:"),
    ul(
      li(
        "Run independent stages in parallel. Keyword and vector search do not need to wait for each other — see ",
        link("our notes on hybrid retrieval", "/blog/hybrid-retrieval-in-practice"),
        ".",
      ),
      "Stream the response so the user sees progress while generation continues.",
      "Cache where inputs repeat: query embeddings, retrieval results for popular queries, and provider-side prompt caching for long static prefixes.",
      "Route easy requests to a smaller, faster model and reserve the large one for the hard cases.",
      "Cut output length before cutting anything else.",
    ),
    quote(
      "A stage without a budget will quietly expand until it owns the whole request. Give every hop a number, and give every number an owner.",
    ),
    h2("Make the budget a release gate"),
    p(
      "The last step is to treat latency like any other requirement. Add it to your evaluation runs so that a new prompt or model version that blows the p95 is caught before release, exactly as a quality regression would be. We describe how we wire that into CI in ",
      link("An Eval Suite Is a Test Suite With Opinions", "/blog/building-llm-eval-suites"),
      ". When the budget sits next to your quality metrics, nobody has to argue about whether a change “feels slower”. The numbers settle it.",
    ),
  ),
};

const hybridRetrieval: DemoPost = {
  title: "Keyword Search Still Matters: Hybrid Retrieval in Practice",
  slug: "hybrid-retrieval-in-practice",
  customExcerpt:
    "Embeddings are great at meaning and terrible at part numbers. Hybrid retrieval gives you both, and you can start with a single Postgres query.",
  authorKey: "maya",
  tagSlugs: ["retrieval", "llms"],
  daysAgo: 11,
  status: "PUBLISHED",
  doc: doc(
    p(
      "The first retrieval system most teams build for an LLM feature is pure vector search: chunk the documents, embed them, store the vectors, return the nearest neighbours. It demos well. Then real users arrive and ask about error code E4021, a customer called Okonkwo, or the v2.3 release notes, and the answers come back confidently about something else.",
    ),
    p(
      "This is not a bug in the embedding model. Dense embeddings compress text into a representation of meaning, and exact tokens — identifiers, names, version numbers — are precisely what that compression discards. Lexical ranking in the BM25 family, the decades-old approach behind most search boxes, has the opposite profile: it is literal, it rewards rare terms, and it knows nothing about synonyms or paraphrase.",
    ),
    h2("Two retrievers, two failure modes"),
    p("It helps to be precise about where each one fails:"),
    ul(
      li(
        b("Vector search"),
        " misses exact-match queries, rare terms the embedding model barely saw in training, and cases where a single token changes the meaning, like ",
        code("v2"),
        " versus ",
        code("v3"),
        ".",
      ),
      li(
        b("Lexical search"),
        " misses paraphrases, questions worded differently from the documents, and cross-language matches. It also struggles on very short texts where term statistics are noisy.",
      ),
    ),
    p(
      "Because the failure modes barely overlap, combining the two tends to beat either one alone on real query logs. The interesting question is how to combine them.",
    ),
    h2("Fuse rankings without calibrating scores"),
    p(
      "The naive approach normalizes both scores to the range 0–1 and takes a weighted sum. It works badly, because lexical scores and cosine similarities live on unrelated scales whose distributions shift from query to query. A weight tuned on one query set is wrong for the next.",
    ),
    p(
      b("Reciprocal rank fusion"),
      " sidesteps the problem by ignoring scores and using only rank positions. Each document receives ",
      code("1 / (k + rank)"),
      " from every list it appears in, and the contributions are summed. The constant ",
      code("k"),
      ", conventionally 60, damps the advantage of the very top positions, so a document ranked well by both retrievers beats one ranked first by only one of them. There is nothing worth tuning on day one, which is exactly what you want from a baseline.",
    ),
    h2("One query in Postgres"),
    p(
      "If your documents already live in Postgres, you do not need a separate search engine to start. Built-in ",
      link("full-text search", "https://www.postgresql.org/docs/current/textsearch.html"),
      " covers the lexical side and the ",
      link("pgvector", "https://github.com/pgvector/pgvector"),
      " extension covers vectors. This query takes the top 50 from each retriever and fuses them:",
    ),
    codeBlock(
      "sql",
      `
      WITH lexical AS (
        SELECT id, row_number() OVER (ORDER BY score DESC) AS rank
        FROM (
          SELECT id, ts_rank_cd(search_tsv, query) AS score
          FROM chunks, websearch_to_tsquery('english', $1) AS query
          WHERE search_tsv @@ query
          ORDER BY score DESC
          LIMIT 50
        ) AS matched
      ),
      semantic AS (
        SELECT id, row_number() OVER (ORDER BY distance) AS rank
        FROM (
          SELECT id, embedding <=> $2 AS distance
          FROM chunks
          ORDER BY embedding <=> $2
          LIMIT 50
        ) AS nearest
      )
      SELECT id,
             coalesce(1.0 / (60 + l.rank), 0)
           + coalesce(1.0 / (60 + s.rank), 0) AS rrf_score
      FROM lexical AS l
      FULL OUTER JOIN semantic AS s USING (id)
      ORDER BY rrf_score DESC
      LIMIT 10;
      `,
    ),
    p(
      "To make it production-worthy, store ",
      code("search_tsv"),
      " as a generated ",
      code("tsvector"),
      " column with a GIN index, put an HNSW index on the embeddings, and keep both candidate lists at the same depth so neither retriever wins on volume alone. If you later need the two searches to run concurrently, split them into two queries issued in parallel from the application and fuse in code.",
    ),
    h2("Where reranking fits"),
    p(
      "Fusion produces a good candidate set. A cross-encoder reranker, which reads the query and each passage together, is far better at ordering the top of that set than either retriever. It is also far slower, so apply it to the fused top 30 or 50, never the whole corpus, and account for it explicitly in ",
      link("your latency budget", "/blog/latency-budgets-for-llm-features"),
      " — it is frequently the most expensive stage before generation.",
    ),
    p(
      "The reranking step is also the natural home for business rules that do not belong in a similarity score: boosting recent documents, demoting deprecated ones, or enforcing diversity so that five chunks from the same page do not crowd out everything else.",
    ),
    h2("Do not skip the boring parts"),
    p("Most retrieval quality problems we debug have nothing to do with the ranking algorithm:"),
    ol(
      li(
        "Tokenizer configuration. The ",
        code("english"),
        " text search configuration stems words, which helps prose and mangles product codes. A second column using the ",
        code("simple"),
        " configuration for identifiers is cheap insurance.",
      ),
      "Chunk boundaries that split a table or a code sample across two chunks, so that neither chunk answers the question on its own.",
      "Missing metadata filters. If the user is asking about one product, restrict the search to that product's documents before ranking anything.",
      li(
        "Stale content in the index, which we cover in ",
        link("Your Retrieval Index Is a Pipeline, Not an Artifact", "/blog/keeping-rag-corpus-fresh"),
        ".",
      ),
    ),
    quote(
      "Measure recall on your own queries before you argue about algorithms. The winning configuration is the one that finds the right passage for the questions your users actually ask.",
    ),
    h2("How to know it worked"),
    p(
      "Build a small labelled set — a hundred real queries, each with the passages that should come back — and measure recall at 10 for lexical only, vector only, and fused. If fusion does not beat both on your data, something in the setup is wrong, usually tokenization or chunking. Keep the set and rerun it on every change: it becomes the retrieval half of ",
      link("your eval suite", "/blog/building-llm-eval-suites"),
      ".",
    ),
  ),
};

const idempotentPipelines: DemoPost = {
  title: "Run It Twice: Designing Pipelines That Survive Retries",
  slug: "pipelines-that-survive-retries",
  customExcerpt:
    "Every pipeline eventually runs twice for the same input. Design for that on day one and backfills stop being frightening.",
  authorKey: "tomas",
  tagSlugs: ["data-engineering"],
  daysAgo: 19,
  status: "PUBLISHED",
  doc: doc(
    p(
      "Ask a data team what happens if their nightly job runs twice for the same day and you will usually get a pause, followed by an honest answer: duplicates, probably. Maybe doubled revenue on one dashboard until somebody notices.",
    ),
    p(
      "Running twice is not an edge case. Schedulers retry on timeout. Operators rerun a failed day by hand. A backfill overlaps with the regular schedule. A task succeeds but the orchestrator never records the success, so it runs again. If a pipeline is only correct when it runs exactly once, it is not correct.",
    ),
    h2("What idempotent means here"),
    p(
      "A pipeline step is ",
      b("idempotent"),
      " when running it once or many times with the same inputs leaves the destination in the same state. That is a property of the write, not of the transformation. The SQL that computes daily totals is almost always deterministic; the trouble is how the results land in the target table. The classic offender is a plain append:",
    ),
    codeBlock(
      "sql",
      `
      -- Correct once. Doubles the day on every retry.
      INSERT INTO daily_revenue (day, region, revenue)
      SELECT order_date, region, sum(amount)
      FROM orders
      WHERE order_date = DATE '2024-05-01'
      GROUP BY order_date, region;
      `,
    ),
    p(
      "Run it once and the numbers are right. Run it again after a timeout and every region's revenue doubles, with nothing in the logs to say that anything unusual happened.",
    ),
    h2("Three patterns that hold up"),
    h3("Overwrite the partition"),
    p(
      "For time-partitioned outputs, the simplest fix is to replace rather than append: delete the slice you are about to write and insert it again inside one transaction. Readers see either the old slice or the new one, never half of each, and a rerun produces the same rows.",
    ),
    codeBlock(
      "sql",
      `
      BEGIN;
      DELETE FROM daily_revenue WHERE day = DATE '2024-05-01';
      INSERT INTO daily_revenue (day, region, revenue)
      SELECT order_date, region, sum(amount)
      FROM orders
      WHERE order_date = DATE '2024-05-01'
      GROUP BY order_date, region;
      COMMIT;
      `,
    ),
    p(
      "Lakehouse table formats offer the same guarantee at warehouse scale through atomic partition overwrites. The principle does not change: the unit of work and the unit of replacement are the same slice.",
    ),
    h3("Upsert on a natural key"),
    p(
      "When output rows have a stable identity — an order, a customer, a document — write them as upserts keyed on that identity. In Postgres that is ",
      link("INSERT … ON CONFLICT", "https://www.postgresql.org/docs/current/sql-insert.html"),
      "; most warehouses support ",
      code("MERGE"),
      ". A rerun then rewrites rows with identical values instead of adding copies. The key must come from the data itself: a surrogate generated at write time, such as a random UUID, defeats the purpose because every run invents new keys.",
      " Add a condition so that rows are only rewritten when their values actually differ, and downstream change-capture consumers will see real changes instead of a rewrite of every row on every run.",
    ),
    h3("Keep a ledger of side effects"),
    p(
      "Side effects outside the warehouse — sending email, calling an API, publishing events — cannot be overwritten. For these, derive a deterministic key for each unit of work (the source id plus the logical run date, for example), record it in a ledger table with a unique constraint, and skip keys that are already present. Where the external API accepts an idempotency key, pass the same value so the provider can deduplicate too.",
    ),
    h2("Backfills are where it counts"),
    p(
      "Backfills deserve special mention because they are where non-idempotent pipelines do the most damage. A ninety-day backfill is ninety reruns executed in a hurry, usually while the regular schedule keeps running. If each day is an independent, replaceable partition, you can run the days in any order, in parallel, and restart the whole thing after a failure without any bookkeeping. If days depend on each other — a running total that reads yesterday's output, for example — run them strictly in order, and ask whether the dependency could be replaced by a computation over the source data instead.",
    ),
    h2("The quiet ways idempotency breaks"),
    ul(
      li(
        b("Wall-clock time in the logic."),
        " A filter like ",
        code("created_at > now() - interval '1 day'"),
        " gives a different answer on every run. Parameterize by the logical date the scheduler provides, never by the current time.",
      ),
      li(
        b("Non-deterministic ordering."),
        " Deduplicating with ",
        code("row_number()"),
        " over a non-unique ordering keeps an arbitrary row, so two runs can keep different ones. Add a tie-breaker column.",
      ),
      li(
        b("Mutable inputs."),
        " If the source changes between runs, the rerun is correct but different. Snapshot inputs, or read from an immutable versioned source, when reproducibility matters.",
      ),
      li(
        b("Partial writes across steps."),
        " Step A commits, step B fails, and the retry reruns A against a state it did not expect. Keep each step's writes atomic and each step independently rerunnable.",
      ),
    ),
    quote(
      "The test is simple: rerun yesterday's job right now and diff the output. If that idea makes you nervous, you have found your next piece of work.",
    ),
    h2("Make it a test, not a hope"),
    p(
      "Once a step is idempotent, prove it continuously. A cheap integration test runs the step twice against a small fixture and asserts that the destination is identical afterwards — same row count, same checksum of the contents. It catches the regression the first time someone adds an innocent-looking append.",
    ),
    codeBlock(
      "python",
      `
      def table_fingerprint(conn, table: str) -> tuple[int, str]:
          row = conn.execute(
              f"SELECT count(*), md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {table} AS t"
          ).fetchone()
          return row[0], row[1]


      def test_daily_revenue_is_idempotent(conn, run_date):
          run_daily_revenue(conn, run_date)
          first = table_fingerprint(conn, "daily_revenue")

          run_daily_revenue(conn, run_date)
          assert table_fingerprint(conn, "daily_revenue") == first
      `,
    ),
    p(
      "Idempotency is also what makes the rest of your operational story possible. Backfills become routine instead of risky, a ",
      link("rollback", "/blog/rollback-plans-for-ml"),
      " can replay data without fear, and ",
      link("schema migrations", "/blog/schema-evolution-without-casualties"),
      " can rebuild tables without anyone assembling a war room.",
    ),
  ),
};

const promptVersioning: DemoPost = {
  title: "Prompts Are Deployables: Versioning Prompts and Pinning Models",
  slug: "versioning-prompts-and-models",
  customExcerpt:
    "If you can't say which prompt and which model produced a given answer, you can't debug it. Treat both like code you release.",
  authorKey: "maya",
  tagSlugs: ["llms", "mlops"],
  daysAgo: 27,
  status: "PUBLISHED",
  doc: doc(
    p(
      "Here is a support ticket we have seen in some form at nearly every client: ",
      i("the assistant used to answer this correctly, and now it doesn't."),
      " The obvious questions — what changed, and when — turn out to be unanswerable. The prompt lives in a database row that three people can edit. The application calls a model alias that the provider updates on its own schedule. The logs contain the question and the answer, and nothing about how the answer was produced.",
    ),
    p(
      "Two things changed underneath the feature and neither left a trace. Fixing that is mostly discipline rather than tooling.",
    ),
    h2("Pin the model, then upgrade on purpose"),
    p(
      "Most providers expose both floating aliases, which move to newer snapshots over time, and dated snapshots that stay fixed until they are retired. Use the fixed identifier in production. A floating alias means behaviour can change without a deploy, which turns every regression into a mystery.",
    ),
    p(
      "Pinning does not mean never upgrading. It means upgrades travel the same path as any other change: a branch, an evaluation run, a review of the differences, and a rollout you can reverse. Put the provider's deprecation dates in the team calendar so that an upgrade is planned work, not an emergency when a snapshot disappears.",
    ),
    p(
      "It is also worth running a handful of fixed eval cases against the pinned snapshot every day. Snapshots are meant to be stable, but the serving stack around them — safety filters, tokenization, routing — can still change, and a small daily run is the cheapest way to notice.",
    ),
    h2("Give every prompt an identity"),
    p(
      "A production prompt should have a name, a version and an immutable body. Once version 7 of the ticket summarizer is released, its text never changes; edits produce version 8. The simplest implementation is a prompt file in the repository next to the code that uses it, reviewed in pull requests like everything else. Include the model parameters — a temperature change is a behaviour change too.",
    ),
    codeBlock(
      "yaml",
      `
      # prompts/ticket-summary.yaml
      name: ticket-summary
      version: 8
      model:
        id: vendor-large-2025-03-01   # pinned snapshot, never a floating alias
        temperature: 0.2
        max_tokens: 400
      template: |
        You summarize customer support tickets for the on-call engineer.
        Write at most five bullet points. Quote error messages exactly.
        If the ticket does not describe a problem, reply with NO_ISSUE.

        Ticket:
        {{ticket_body}}
      changelog: >
        Quote error messages verbatim. v7 paraphrased them, which broke
        downstream search on error codes.
      `,
    ),
    h3("Fingerprint what you actually send"),
    p(
      "Version numbers are assigned by people, and people make mistakes. As a backstop, compute a hash over the fully resolved configuration — template, model id and sampling parameters — when the prompt is loaded, and log it with every call. If two deployments claim the same version but report different fingerprints, you have found your bug.",
    ),
    codeBlock(
      "typescript",
      `
      import { createHash } from "node:crypto";

      interface PromptConfig {
        name: string;
        version: number;
        model: { id: string; temperature: number; max_tokens: number };
        template: string;
      }

      export function promptFingerprint(config: PromptConfig): string {
        // Fixed field order keeps the hash stable across YAML re-orderings.
        const canonical = JSON.stringify([
          config.template,
          config.model.id,
          config.model.temperature,
          config.model.max_tokens,
        ]);
        return createHash("sha256").update(canonical).digest("hex").slice(0, 12);
      }
      `,
    ),
    h2("Log the lineage of every answer"),
    p("Each model call should write a record that contains, at minimum:"),
    ul(
      "the prompt name, version and fingerprint;",
      "the model identifier as reported back by the provider, not only the one you requested;",
      "sampling parameters such as temperature and the output token limit;",
      "identifiers of any retrieved documents that went into the context;",
      "token counts, latency and whether the call was retried.",
    ),
    p(
      "With that in place, “it used to work” becomes a query: filter to the failing kind of input, group by prompt version and model, and find the day the answers changed. Without it, you are guessing.",
    ),
    p(
      "Keep these records for at least as long as your longest investigation window. Thirty days sounds generous until a customer reports a problem with an answer they received six weeks ago. If inputs contain personal data, store the lineage fields separately from the content, so you can keep the former longer than the latter.",
    ),
    h2("Release prompts like code"),
    p("The release path for a prompt change should feel familiar:"),
    ol(
      "Edit the prompt file on a branch and bump its version.",
      li(
        "Run the ",
        link("evaluation suite", "/blog/building-llm-eval-suites"),
        " against both the new version and the current production version.",
      ),
      "Review the diff of outputs, not only the diff of the prompt text. Small wording changes regularly cause large behaviour changes.",
      li(
        "Roll out gradually, with the previous version still loadable, so that ",
        link("rolling back", "/blog/rollback-plans-for-ml"),
        " is a configuration change rather than a deploy.",
      ),
    ),
    quote(
      "A prompt edit is a behaviour change shipped to every user at once. It deserves at least the ceremony of a one-line code fix, and usually more.",
    ),
    h2("“But product wants to edit prompts without a deploy”"),
    p(
      "Fair enough — sometimes the wording belongs to people outside engineering, and waiting for a release train is painful. That is a reason to build a small prompt registry, not a reason to skip versioning. Store immutable versions in a table, let the application resolve a named alias such as ",
      code("production"),
      " or ",
      code("candidate"),
      ", and require a passing eval run before an alias can move. Editors get their independence, and you keep a complete history of exactly what was live, and when.",
      " Whatever you build, resist pointing the production alias at “latest”: that recreates, on your side, the floating-alias problem you just removed from the model side.",
    ),
  ),
};

const dataContracts: DemoPost = {
  title: "Data Contracts: Agreements Your CI Can Enforce",
  slug: "data-contracts-enforced-in-ci",
  customExcerpt:
    "A data contract that lives in a wiki is a suggestion. Put it in the producer's repository and fail the build when it breaks.",
  authorKey: "tomas",
  tagSlugs: ["data-engineering", "strategy"],
  daysAgo: 38,
  status: "PUBLISHED",
  doc: doc(
    p(
      "Most breakages in analytics and ML pipelines do not start in the pipeline. They start in an application team's pull request: a column renamed for clarity, a status enum that gains a new value, a timestamp switched from local time to UTC. Each change is reasonable from where its author sits. Nobody told them that a revenue model, two dashboards and a churn classifier depend on the old behaviour, because nobody had ever written that dependency down.",
    ),
    p("A data contract is that written-down dependency, made precise enough for a machine to check."),
    h2("What belongs in a contract"),
    p(
      "Schema is the obvious part, but the incidents we see most often are about meaning, not types. A useful contract covers:",
    ),
    ul(
      li(b("Structure:"), " fields, types, nullability and the primary key."),
      li(
        b("Semantics:"),
        " units, time zones, allowed values, and what each field means in a sentence a new hire could follow.",
      ),
      li(b("Quality expectations:"), " uniqueness, acceptable null rates, referential integrity."),
      li(b("Service levels:"), " how fresh the data is, and by what time each day's data is complete."),
      li(b("Ownership:"), " a team and a channel to contact, never a single person who might leave."),
      li(b("Change policy:"), " what counts as breaking and how much notice consumers receive."),
    ),
    p(
      "The format matters less than the content. Plain YAML in the producer's repository is enough; if you prefer a standard, ",
      link("JSON Schema", "https://json-schema.org/"),
      " can carry the structural part. Here is a small contract for an orders table:",
    ),
    codeBlock(
      "yaml",
      `
      # contracts/orders.v2.yaml
      dataset: orders
      version: 2
      owner:
        team: checkout
        contact: "#checkout-data"
      primary_key: [order_id]
      freshness:
        max_delay_minutes: 60
      fields:
        - name: order_id
          type: string
          nullable: false
        - name: amount_minor
          type: integer
          nullable: false
          description: Order total in minor currency units (cents), tax included.
        - name: currency
          type: string
          nullable: false
          allowed_values: [EUR, GBP, USD]
        - name: status
          type: string
          nullable: false
          allowed_values: [pending, paid, refunded, cancelled]
        - name: created_at
          type: timestamp
          nullable: false
          description: UTC time at which the order was placed.
      breaking_changes:
        notice_days: 30
      `,
    ),
    h2("Enforce it where the change happens"),
    p(
      "The most important design decision is where the check runs. A check in the consumer's pipeline tells you something broke after it broke. A check in the ",
      i("producer's"),
      " CI tells the engineer making the change, at review time, before anything ships. The check itself is simple: compare the proposed contract with the last released version and classify each difference.",
    ),
    codeBlock(
      "python",
      `
      def breaking_changes(old: dict, new: dict) -> list[str]:
          old_fields = {f["name"]: f for f in old["fields"]}
          new_fields = {f["name"]: f for f in new["fields"]}
          problems = []

          for name, before in old_fields.items():
              after = new_fields.get(name)
              if after is None:
                  problems.append(f"{name}: field removed")
                  continue
              if after["type"] != before["type"]:
                  problems.append(f"{name}: type {before['type']} -> {after['type']}")
              if after.get("nullable", True) and not before.get("nullable", True):
                  problems.append(f"{name}: became nullable")
              if "allowed_values" in before and "allowed_values" in after:
                  changed = set(before["allowed_values"]) ^ set(after["allowed_values"])
                  if changed:
                      problems.append(f"{name}: allowed values changed {sorted(changed)}")

          return problems  # new fields are additive and pass
      `,
    ),
    p(
      "Note the treatment of enums. Adding an allowed value looks harmless to the producer and is breaking for any consumer that maps values exhaustively — a ",
      code("CASE"),
      " expression without an ",
      code("ELSE"),
      ", or a model with a one-hot encoding fixed at training time. We flag it as breaking by default and let consumers explicitly opt out.",
    ),
    h2("Validate the data, not just the declaration"),
    p(
      "A contract file can drift from reality just like documentation does. Pair the CI check with runtime validation at the point where data is published: check each batch against the contract and quarantine batches that fail instead of passing them downstream. Whether you use a framework or a few hundred lines of your own code matters much less than placement. Validation belongs to the producer's publish step, not to every consumer separately.",
    ),
    p(
      "When a batch fails, announce the failure as clearly as you would announce the data: a status table or an event that consumers can check, so that a missing day shows up as missing rather than being read as a day with zero orders.",
    ),
    h2("Who pays for a change"),
    p(
      "Contracts also shift incentives. Without one, the cost of a breaking change lands on whichever consumer discovers it, usually under time pressure. With one, the cost moves to the producer at the moment of the change, when it is cheapest to handle: a rename becomes a new field plus a deprecation, a change of meaning becomes a new version. Producers sometimes push back on that at first. The honest framing is that they already pay the cost — in interrupted sprints and incident reviews — only later, and at a higher price.",
    ),
    quote(
      "The point of a contract is not to stop change. It is to turn change into a conversation that happens before the deploy, instead of an incident that happens after it.",
    ),
    h2("Rolling it out without a committee"),
    p(
      "Contracts fail when they arrive as a company-wide mandate with a template nobody asked for. What works for us:",
    ),
    ol(
      "Start with the one dataset whose breakage hurt most recently. Everyone remembers the incident, so nobody argues about the value.",
      "Write the contract together with the producing team, in their repository, owned by them.",
      "Keep the contract next to the code that produces the data, so that both change in the same pull request and reviewers see them together.",
      "Run the CI check in warning mode for two weeks, fix the noise, then make it blocking.",
      li(
        "Version breaking changes: publish ",
        code("orders_v3"),
        " alongside ",
        code("orders_v2"),
        " for the notice period instead of altering the existing table in place. The mechanics are covered in ",
        link("Schema Changes Without Casualties", "/blog/schema-evolution-without-casualties"),
        ".",
      ),
    ),
    p(
      "After the second or third dataset, teams usually start asking for contracts themselves. A failing check during review is a far better afternoon than a page at 3 a.m., and the producers notice that questions from downstream teams drop sharply once the answers are written down. Contracts also feed directly into ",
      link("drift monitoring", "/blog/catching-model-drift-early"),
      ": a model whose inputs are covered by contracts has one less way to degrade silently.",
    ),
  ),
};

const driftMonitoring: DemoPost = {
  title: "Plausible and Wrong: Catching Model Drift Before Your Users Do",
  slug: "catching-model-drift-early",
  customExcerpt:
    "A drifting model doesn't throw errors. It returns plausible answers that get slightly worse every week, until someone files a ticket.",
  authorKey: "tomas",
  tagSlugs: ["mlops", "evaluation"],
  daysAgo: 52,
  status: "PUBLISHED",
  doc: doc(
    p(
      "Infrastructure failures are loud. A service that runs out of memory restarts, pages somebody, and draws a red line on a dashboard. A model whose inputs have shifted does none of that. It keeps answering in milliseconds with well-formed outputs that are a little less accurate than last month, and the first signal is usually a person noticing something odd in a business report.",
    ),
    p("Drift monitoring is how you get that signal from a machine instead of from a frustrated colleague."),
    h2("Know which kind of drift you are looking for"),
    ul(
      li(
        b("Input drift"),
        ", also called covariate shift: the distribution of features changes. A campaign brings in a new customer segment; a partner starts sending a field in different units.",
      ),
      li(
        b("Concept drift"),
        ": the relationship between inputs and the correct answer changes. Fraudsters adapt to your model; what counts as a relevant result changes after a product launch.",
      ),
      li(
        b("Upstream breakage that looks like drift"),
        ": a pipeline starts filling a column with defaults, or a join silently drops a category. In our experience this is the most common cause of sudden shifts, and the fastest to fix once found.",
      ),
    ),
    p(
      "Input drift is observable immediately, because you see inputs in real time. Concept drift needs labels, and labels are usually late.",
    ),
    h2("Compare input distributions to a reference"),
    p(
      "Choose a reference window — typically the training data or a known-good recent period — and compare each day's production inputs against it, feature by feature. For numeric features the ",
      b("population stability index"),
      " is simple and easy to explain: bin the reference distribution, measure what share of production values falls in each bin, and sum the divergence.",
    ),
    codeBlock(
      "python",
      `
      import numpy as np


      def population_stability_index(
          reference: np.ndarray, current: np.ndarray, bins: int = 10
      ) -> float:
          """PSI between two samples, using quantile bins of the reference."""
          edges = np.quantile(reference, np.linspace(0, 1, bins + 1))
          edges[0], edges[-1] = -np.inf, np.inf
          edges = np.unique(edges)  # repeated values collapse duplicate edges

          ref_share = np.histogram(reference, edges)[0] / len(reference)
          cur_share = np.histogram(current, edges)[0] / len(current)

          # Avoid log(0) and division by zero for empty bins.
          ref_share = np.clip(ref_share, 1e-6, None)
          cur_share = np.clip(cur_share, 1e-6, None)
          return float(np.sum((cur_share - ref_share) * np.log(cur_share / ref_share)))
      `,
    ),
    p(
      "Pick the reference deliberately. Training data is the natural choice, but if the model was trained on a year of history, seasonal features will always look drifted against any single week. For seasonal businesses, a reference built from the same period last year, or from the last known-good month, produces far fewer false alarms.",
    ),
    p(
      "A common rule of thumb reads a PSI below 0.1 as stable, 0.1 to 0.25 as worth a look, and above 0.25 as a significant shift. Treat those as starting points and tune per feature: 0.15 on a feature the model barely uses is noise, while the same value on its most important feature deserves attention. For categorical features, compare category shares directly and alert when a category appears or vanishes — a brand-new value is often the first visible sign of upstream breakage.",
    ),
    h3("Watch the outputs as well"),
    p(
      "The model's own output distribution is a cheap monitor that needs no labels. If a classifier that flagged 3% of transactions starts flagging 9%, or the mean score moves by a standard deviation, something changed upstream or in the world. For LLM systems the equivalents are answer length, refusal rate, the share of “I don't know” responses, and how often retrieval returns nothing useful.",
    ),
    h2("Close the loop with labels, even late ones"),
    p(
      "Distribution monitors tell you that something moved, not whether it hurt. For that you need ground truth. When labels arrive late — chargebacks after sixty days, churn after a quarter — compute performance per cohort as soon as its labels mature, and chart it by prediction date. When labels never arrive on their own, sample a few dozen predictions each week for human review. Keep that sample random rather than limited to low-confidence predictions, because confidently wrong answers are exactly what concept drift produces. It is a small, steady cost that catches concept drift no statistic will.",
    ),
    quote(
      "A drift alert rarely tells you what is wrong. It tells you where to look, and on most days that is the hard part.",
    ),
    h2("Make alerts actionable"),
    p(
      "The classic failure of drift monitoring is alert fatigue: hundreds of features, each with a threshold, producing a daily wall of yellow that everyone learns to ignore. To keep it useful:",
    ),
    ol(
      "Monitor the most important features plus any feature with a history of upstream trouble, not everything the model touches.",
      "Alert on sustained shifts over several consecutive days, not single-day spikes caused by a holiday or a late batch.",
      li(
        "Route each alert to an owner with a runbook: check upstream freshness and ",
        link("data contracts", "/blog/data-contracts-enforced-in-ci"),
        " first, then segment the shift by source, then choose between retraining and ",
        link("rolling back", "/blog/rollback-plans-for-ml"),
        ".",
      ),
      "Review thresholds every quarter and delete monitors that nobody has acted on.",
    ),
    p(
      "Drift monitors also make retraining less arbitrary. Instead of retraining on a fixed calendar and hoping, you retrain when the evidence says the world moved — and you check the new model against the same ",
      link("eval suite", "/blog/building-llm-eval-suites"),
      " before it replaces the old one. The ",
      link("numpy histogram documentation", "https://numpy.org/doc/stable/reference/generated/numpy.histogram.html"),
      " is worth a read if you adapt the PSI code above, particularly on how bin edges are treated.",
    ),
  ),
};

const evalSuites: DemoPost = {
  title: "An Eval Suite Is a Test Suite With Opinions",
  slug: "building-llm-eval-suites",
  customExcerpt:
    "Unit tests check your code. Evals check your system's behaviour. Ship LLM features without the second kind and every release is a coin toss.",
  authorKey: "maya",
  tagSlugs: ["evaluation", "llms"],
  daysAgo: 66,
  status: "PUBLISHED",
  doc: doc(
    p(
      "Traditional tests assert that a function returns the right value. LLM features do not have a single right value; they have a range of acceptable outputs and a long tail of unacceptable ones. That is why so many teams test them by hand: someone tries ten questions after a prompt change, decides it looks fine, and ships. It works until the change that fixes the question everyone tries breaks five that nobody does.",
    ),
    p(
      "An eval suite replaces that ritual with something repeatable. There is nothing exotic about it: a dataset, a set of graders, and a report you compare between versions.",
    ),
    h2("Start with the dataset"),
    p("The cases matter more than any metric. Good sources, in rough order of value:"),
    ol(
      "Real production inputs, sampled and anonymized, with expected outcomes written by someone who knows the domain.",
      "Every bug report, turned into a case the moment it is triaged. This is how the suite learns.",
      "Edge and adversarial cases: empty input, very long input, other languages, prompt injection attempts, questions the system should decline.",
      "Synthetic variations of the above to widen coverage — reviewed by a person before they are trusted.",
    ),
    p(
      "Fifty well-chosen cases beat a thousand generated ones. Tag each case with the capability it exercises — retrieval, formatting, refusal, arithmetic — so that a drop in the overall score can be traced to the area that regressed. Keep the dataset under version control next to the code, or in a store with explicit versions: when the pass rate moves, you need to know whether the system changed or the cases did.",
    ),
    h2("Match the grader to the claim"),
    p("Each case needs a way to decide pass or fail, and the cheapest reliable method wins:"),
    ul(
      li(
        b("Deterministic checks"),
        " for anything structural: valid JSON, required fields present, citations that point at real documents, length limits. They are fast and never flaky, so use them wherever you can.",
      ),
      li(
        b("Reference matching"),
        " when a known answer exists: exact match for classifications, normalized match for extracted values, recall for the retrieval stage.",
      ),
      li(
        b("Rubric grading by a model"),
        " for open-ended quality. Give the judge a narrow question — ",
        i("does the answer state the refund window from the policy?"),
        " — rather than ",
        i("is this a good answer?"),
        " Calibrate it against a few dozen human judgments before trusting it, and again whenever you change the judge model.",
      ),
      li(b("Human review"), " of a small rotating sample, to keep the automated graders honest."),
    ),
    quote(
      "If a grader can't explain why a case failed, an engineer can't fix it. Prefer many narrow checks to one holistic score.",
    ),
    h2("A minimal harness"),
    p("You do not need a platform to begin. The core loop fits on one screen:"),
    codeBlock(
      "python",
      `
      import json
      from dataclasses import dataclass
      from typing import Callable


      @dataclass
      class Case:
          id: str
          input: str
          tags: list[str]
          checks: list[Callable[[str], bool]]


      def run_suite(cases: list[Case], generate: Callable[[str], str]) -> dict:
          results = {}
          for case in cases:
              output = generate(case.input)
              failed = [check.__name__ for check in case.checks if not check(output)]
              results[case.id] = {"passed": not failed, "failed": failed, "tags": case.tags}
          return results


      def is_valid_json(output: str) -> bool:
          try:
              json.loads(output)
              return True
          except json.JSONDecodeError:
              return False
      `,
    ),
    p(
      "Store the results of every run keyed by ",
      link("prompt version and model", "/blog/versioning-prompts-and-models"),
      ", so each run can be compared with the last release case by case. The case-level diff — which cases flipped from pass to fail — is far more useful than a movement in the average.",
    ),
    h2("Wire it into the release path"),
    p("An eval suite that nobody runs is documentation. Make it part of the pipeline:"),
    ul(
      "Run the fast deterministic subset on every pull request that touches prompts, retrieval or model configuration.",
      "Run the full suite, including model-graded checks, before anything is promoted to production.",
      "Block the release if any case tagged as critical regresses, or if the overall pass rate drops by more than a threshold agreed in advance.",
      li(
        "Record latency and cost per case next to quality, so that ",
        link("budget regressions", "/blog/latency-budgets-for-llm-features"),
        " are caught in the same place.",
      ),
    ),
    p(
      "Publish the report where reviewers already look. A comment on the pull request listing the cases that flipped works far better than a link to a dashboard nobody opens.",
    ),
    p(
      "Outputs vary between runs even at low temperature, so expect noise. Run borderline cases several times and look at pass rates rather than single outcomes, and do not set thresholds so tight that noise alone fails the build. For retrieval-heavy systems, keep the retrieval metrics separate from the generation metrics: when an answer is wrong it matters enormously whether the right passage was never found or was found and ignored. ",
      link("Hybrid retrieval", "/blog/hybrid-retrieval-in-practice"),
      " changes show up clearly in the first; prompt changes in the second.",
    ),
    h2("Keep the suite alive"),
    p(
      "A suite rots if nobody feeds it. Give it an owner, add every production incident as a case, and prune cases that no longer reflect how the product should behave. Review judge prompts with the same care as production prompts — a lenient judge hides regressions quietly and indefinitely. Teams that keep this up find the suite becomes the most honest description of what their system is supposed to do, and the first thing they reach for when someone asks whether a change is safe to ship.",
    ),
  ),
};

const rollbackPlans: DemoPost = {
  title: "The Undo Button: Rollback Plans for ML Systems",
  slug: "rollback-plans-for-ml",
  customExcerpt:
    "Redeploying the previous container is not a rollback plan when the model, the features and the index all changed together.",
  authorKey: "tomas",
  tagSlugs: ["mlops"],
  daysAgo: 80,
  status: "PUBLISHED",
  doc: doc(
    p(
      "In a typical web service, rolling back means deploying the previous image. It takes minutes and almost always works, because the state that matters lives in a database whose schema changes are managed separately. ML systems break that assumption. A model release often ships together with a new feature definition, a rebuilt embedding index, a new prompt and a migration of the tables the features are read from. Redeploy the old model and it may wake up to inputs it no longer understands.",
    ),
    p(
      "A rollback plan is the answer to one question, asked before the release: if this goes wrong at four on a Friday afternoon, what exactly do we do, and how long will it take?",
    ),
    h2("Inventory what the release actually changes"),
    p("Write down every artifact the release touches and whether the previous version still exists:"),
    ul(
      "model weights, or the pinned identifier of a hosted model;",
      "prompts and their sampling parameters;",
      "feature definitions and the code that computes them;",
      "the embedding model and the vector index built with it;",
      "preprocessing, thresholds and business rules wrapped around the model;",
      "database schemas and any stored outputs the model writes.",
    ),
    p(
      "Each item is either ",
      b("reversible"),
      " — the old version can be restored by moving a pointer — or ",
      b("one-way"),
      ", meaning the old state is gone once the release runs. Most of a rollback plan is about turning one-way changes into reversible ones before you ship.",
    ),
    h2("Make the switch a pointer, not a deploy"),
    p(
      "The most valuable structural change is separating publication of an artifact from its activation. Register every model version, keep previous versions loadable, and have the serving layer resolve an alias such as ",
      code("production"),
      " at startup or on a short refresh interval. Rolling back then means moving the alias, which is one audited operation rather than a build-and-deploy cycle. ",
      link("MLflow", "https://mlflow.org/docs/latest/"),
      " and similar registries support aliases directly; a table with two columns works too. Our own serving layer reads a small file like this:",
    ),
    codeBlock(
      "yaml",
      `
      # serving/ranker.yaml
      model: ranker
      aliases:
        production: 41
        candidate: 42
      rollout:
        candidate_traffic_percent: 10
        guardrails:
          - metric: p95_latency_ms
            max: 250
          - metric: error_rate
            max: 0.01
          - metric: click_through_rate
            min_relative_to_production: 0.97
        on_breach: route_all_traffic_to_production
      `,
    ),
    h2("Turn one-way changes into two-way ones"),
    h3("Features and schemas"),
    p(
      "Never change a feature's meaning in place. If the definition of ",
      code("days_since_last_order"),
      " changes, publish it as a new feature and keep computing the old one until the previous model is retired. Tables follow the same rule: expand first, and contract only after the rollback window has closed — the sequence we walk through in ",
      link("Schema Changes Without Casualties", "/blog/schema-evolution-without-casualties"),
      ".",
    ),
    h3("Embedding indexes"),
    p(
      "A new embedding model means a new vector space: queries embedded with one model cannot be searched against vectors produced by another. Build the new index alongside the old one, switch reads with a flag, and keep the old index — and the old query-embedding path — until you are confident. It costs a few weeks of extra storage. Rebuilding an index under incident pressure costs far more.",
    ),
    h3("Written outputs"),
    p(
      "If the model writes predictions that other systems consume, tag every stored output with the model version that produced it. When a bad version is rolled back you can find and recompute exactly the affected rows, instead of guessing by timestamp. ",
      link("Idempotent writes", "/blog/pipelines-that-survive-retries"),
      " make that recomputation safe to run as often as needed.",
    ),
    quote(
      "Decide the rollback trigger before the release, while everyone is calm. During an incident the loudest opinion wins, and it is rarely the right one.",
    ),
    h2("Agree on triggers in advance"),
    p(
      "Settle on measurable conditions that mean ",
      i("roll back now, investigate later"),
      ": an error rate, a latency percentile, a key business metric falling below a floor, a drop in the sampled online eval score. Automate the ones you can measure reliably, and for the rest name the person who makes the call. Write the triggers into the release ticket, so the person on call does not have to reconstruct them from a chat thread at the worst possible moment. Canary releases help because the comparison is concurrent — candidate and production see the same traffic at the same time, so a weekday pattern or a marketing campaign cannot fool you the way a before-and-after comparison can.",
    ),
    h2("Practice it"),
    p("A rollback path that has never been exercised probably does not work. Exercise it on purpose:"),
    ol(
      "Roll back a healthy release in staging every time you ship, and time how long it takes.",
      "Once a quarter, do it in production during business hours with the team watching.",
      "Verify that the old version genuinely serves afterwards: the model loads, its features are still computed, its index still answers.",
      "Write down whatever surprised you and fix it before the next release.",
    ),
    p(
      "Teams that practice rollbacks ship more often, not less. When reversing a change is a two-minute pointer move, the bar for trying something drops, release reviews get shorter, and the ",
      link("drift alerts", "/blog/catching-model-drift-early"),
      " that fire after a launch lead to a calm decision instead of a scramble.",
    ),
  ),
};

const featureStores: DemoPost = {
  title: "Feature Stores: A Decision, Not a Default",
  slug: "feature-store-decision-guide",
  customExcerpt:
    "A feature store solves train–serve skew and point-in-time correctness. If you don't have those problems yet, you're buying infrastructure you will have to run.",
  authorKey: "tomas",
  tagSlugs: ["mlops", "data-engineering"],
  daysAgo: 97,
  status: "PUBLISHED",
  doc: doc(
    p(
      "Feature stores tend to appear in architecture diagrams early, often before the first model reaches production, because they look like the grown-up way to do machine learning. Sometimes that is right. Often it means a team spends a quarter operating an online key-value store, a materialization scheduler and a registry — for two models that read five features from a nightly table.",
    ),
    p(
      "The useful question is not whether feature stores are good. It is which specific problems you have today, and whether a feature store is the cheapest way to solve them.",
    ),
    h2("The problems a feature store actually solves"),
    h3("Train–serve skew"),
    p(
      "A model is trained on features computed one way — usually SQL over the warehouse — and served with features computed another way, often in application code. The two implementations drift apart: one rounds and the other truncates, one treats null as zero and the other as missing. At inference the model sees inputs it never saw in training, and accuracy drops for reasons nobody can find. A feature store addresses this by defining each feature once and deriving both training and serving values from that single definition.",
    ),
    p(
      "If you only suspect skew, there is a cheaper first step than new infrastructure: log the exact feature vector used at serving time for a sample of requests, and compare it with what the training pipeline computes for the same entity and timestamp. The differences are usually few, specific and slightly embarrassing.",
    ),
    h3("Point-in-time correctness"),
    p(
      "When you build a training set, each label must be joined to feature values ",
      i("as they were at the moment of the prediction"),
      ", not as they are today. Join a churn label to today's ",
      code("support_tickets_30d"),
      " and you leak the future into training: the model looks brilliant offline and mediocre in production. Doing this by hand means an as-of join for every feature:",
    ),
    codeBlock(
      "sql",
      `
      SELECT l.customer_id,
             l.label_time,
             l.churned,
             f.support_tickets_30d
      FROM training_labels AS l
      LEFT JOIN LATERAL (
        SELECT h.support_tickets_30d
        FROM customer_features_history AS h
        WHERE h.customer_id = l.customer_id
          AND h.valid_from <= l.label_time
        ORDER BY h.valid_from DESC
        LIMIT 1
      ) AS f ON true;
      `,
    ),
    p(
      "That is manageable for a handful of features. Across hundreds, maintained by several teams, hand-written as-of joins become the main source of silent training bugs — and automating them is the strongest argument for a feature store.",
    ),
    h3("Low-latency serving and reuse"),
    p(
      "Online models that need fresh features within milliseconds require a serving store, and keeping it consistent with the offline store is real engineering work. Separately, when several teams compute the same features independently, a shared catalog cuts duplication and ends arguments about whose definition is right.",
    ),
    h2("When you probably do not need one"),
    ul(
      "Your models run in batch, scoring a table on a schedule. Training and scoring can share the same SQL, so skew is a matter of discipline rather than infrastructure.",
      "You have a few models owned by one team that already shares its feature code.",
      "Your online features are few, and come from the request itself or from a single application database.",
      li(
        "Your LLM application mostly needs context from documents. That is a search problem, not a feature problem — see ",
        link("hybrid retrieval", "/blog/hybrid-retrieval-in-practice"),
        ".",
      ),
    ),
    p(
      "In those situations, a tidy set of feature tables with history, a shared library for computing them, and one well-tested point-in-time join utility will carry you a long way.",
    ),
    quote(
      "Buy the feature store when the spreadsheet of which team computes which feature, and how, becomes the thing you argue about in planning. Not before.",
    ),
    h2("When you probably do"),
    ol(
      "Several online models need the same features with low latency and strict consistency with training.",
      "You have measured, or strongly suspect, accuracy lost to skew between offline evaluation and production.",
      "Multiple teams maintain overlapping features and disagree about the definitions.",
      "Point-in-time joins are written by hand across many features, and people keep getting them wrong.",
    ),
    h2("If you adopt one, adopt it narrowly"),
    p(
      "Whether you choose an open-source option such as ",
      link("Feast", "https://docs.feast.dev/"),
      " or a managed platform, the rollout matters more than the product. Start with one model and its features, migrate them completely, and verify parity: for a sample of entities and timestamps, the offline values, the online values and the legacy pipeline's values should all agree. Only then move the next model.",
    ),
    p(
      "Budget for the operational side explicitly. The online store is a production database with its own latency targets, capacity planning and on-call rotation, and materialization jobs are pipelines that fail like any other. If nobody on the team wants to own those, a managed offering is usually worth its price.",
    ),
    p(
      "Publish features with named owners and ",
      link("data contracts", "/blog/data-contracts-enforced-in-ci"),
      ", because a shared store multiplies the blast radius of a bad change: one broken definition now reaches every model that reads it. And monitor feature distributions from day one — a central store is the natural place to ",
      link("watch for drift", "/blog/catching-model-drift-early"),
      ".",
    ),
    p(
      "Feature stores are good tools for real problems. The mistake is treating one as a prerequisite for doing machine learning instead of a response to pain you can name.",
    ),
  ),
};

const streamingVsBatch: DemoPost = {
  title: "Streaming or Batch? Let the Freshness Requirement Decide",
  slug: "streaming-or-batch-freshness",
  customExcerpt:
    "Streaming isn't the modern choice and batch isn't the legacy one. Ask how stale the data can be, and what each minute of freshness costs.",
  authorKey: "maya",
  tagSlugs: ["data-engineering", "strategy"],
  daysAgo: 115,
  status: "PUBLISHED",
  doc: doc(
    p(
      "Conversations about streaming usually start from technology: someone has used Kafka, someone has read that batch is dead, someone likes the sound of “real time”. They rarely start from the two questions that decide the answer. How old can this data be before it stops being useful? And what does each minute of extra freshness cost?",
    ),
    p("Framed that way, most decisions are straightforward, and many turn out not to be either/or."),
    h2("Start with the freshness requirement"),
    p(
      "For each consumer, write down the maximum acceptable age of the data and what happens when it is exceeded. The answers tend to cluster:",
    ),
    ul(
      li(
        b("Seconds:"),
        " fraud checks at authorization time, rate limiting, live operational alerts. Stale data means a wrong decision made right now.",
      ),
      li(
        b("Minutes:"),
        " inventory shown to customers, on-call dashboards, some feature values for recommendation models.",
      ),
      li(
        b("Hours to a day:"),
        " finance reporting, most analytics, model training sets — the majority of what a data team produces.",
      ),
    ),
    p(
      "Be suspicious of requirements that arrive as “real time” without a number attached. When we ask what happens if a dashboard is fifteen minutes behind, the answer is often ",
      i("nothing, as long as we know it's fifteen minutes behind"),
      ". Showing freshness on the dashboard is frequently cheaper than improving it.",
    ),
    h2("What streaming really costs"),
    p("Stream processing is mature, but it moves complexity into places where batch lets you ignore it:"),
    ol(
      li(
        b("State."),
        " Windowed aggregations hold state that must be checkpointed, restored after failure, and migrated whenever the job's logic changes.",
      ),
      li(
        b("Time."),
        " Events arrive late and out of order. You need event-time semantics, watermarks, and a policy for data that shows up after its window has closed.",
      ),
      li(
        b("Reprocessing."),
        " Fixing a bug in batch means rerunning a day. In streaming it means replaying from a retained log — if retention is long enough — while the live job keeps running.",
      ),
      li(
        b("Operations."),
        " A batch job that fails at 2 a.m. can usually wait until morning. A streaming job that falls behind is an incident.",
      ),
    ),
    p(
      "None of this is a reason to avoid streaming. It is the price, and it should be paid for requirements that justify it. The ",
      link(
        "Structured Streaming programming guide",
        "https://spark.apache.org/docs/latest/structured-streaming-programming-guide.html",
      ),
      " and the ",
      link("Kafka documentation", "https://kafka.apache.org/documentation/"),
      " are good reading on how much of this the frameworks handle for you, and how much they deliberately leave to you.",
    ),
    quote(
      "Nobody has ever been paged because a nightly batch job produced correct numbers eight hours late for a report that is read once a week.",
    ),
    h2("The middle ground is large"),
    p("Between nightly batch and per-event streaming lies a lot of useful territory:"),
    ul(
      li(
        b("Micro-batch:"),
        " run the same batch logic every five or fifteen minutes over new data. ",
        link("Idempotent, partition-scoped jobs", "/blog/pipelines-that-survive-retries"),
        " make this easy, and it covers most minute-level requirements.",
      ),
      li(
        b("Change data capture, transformed in batch:"),
        " stream database changes into storage continuously and transform them on a schedule. You get a complete, replayable history without running stateful stream processing.",
      ),
      li(
        b("Streaming for one path, batch for the rest:"),
        " compute the two or three values that genuinely need second-level freshness in a stream, and everything else in batch.",
      ),
    ),
    p(
      "The last pattern is the one we recommend most often. It confines the cost of streaming to the small slice of the system that actually needs it.",
    ),
    p(
      "Micro-batch has another advantage that is easy to overlook: it keeps the operational model your team already knows — the same orchestrator, the same retries, the same backfill procedure. The price is a latency floor of a few minutes plus some overhead per run, which is rarely the constraint people assume it is.",
    ),
    h2("One definition, two schedules"),
    p(
      "Whatever you choose, avoid maintaining the same business logic in two engines. When a metric is computed in a stream for the dashboard and in SQL for the monthly report, the numbers will disagree, and someone will lose a week finding out why. Prefer approaches where one definition runs on both paths, or where the streaming output is periodically reconciled against a batch recomputation and the batch result wins.",
    ),
    p(
      "For ML systems the serving path and the training path need identical feature logic. That is the same train–serve skew problem a ",
      link("feature store", "/blog/feature-store-decision-guide"),
      " exists to solve, and it is worth solving before you add streaming rather than after.",
    ),
    h2("A short decision checklist"),
    ol(
      "What is the maximum acceptable data age for each consumer, in minutes?",
      "What does it cost the business when that age is exceeded?",
      "Can a scheduled micro-batch meet the requirement?",
      "Who will be on call for the streaming path, and do they want to be?",
      "How will you reprocess history after a logic change?",
    ),
    p(
      "If the first three answers point to batch, choose batch without apology. If they point to streaming, go in with a real plan for the last two — and with ",
      link("schema changes", "/blog/schema-evolution-without-casualties"),
      " in mind, because a long-lived stream will see many of them.",
    ),
  ),
};

const schemaEvolution: DemoPost = {
  title: "Schema Changes Without Casualties",
  slug: "schema-evolution-without-casualties",
  customExcerpt:
    "Schemas will change. The goal is a process in which nothing downstream finds out by breaking.",
  authorKey: "tomas",
  tagSlugs: ["data-engineering"],
  daysAgo: 138,
  status: "PUBLISHED",
  doc: doc(
    p(
      "A column rename takes thirty seconds to write and can take a week to clean up after. The application deploys, the ORM is happy, the tests pass. Meanwhile an ingestion job starts writing nulls, a transformation fails at 3 a.m., and a model that used the column as a feature starts predicting from defaults. Nobody did anything unreasonable. The process simply had no step in which downstream consumers were considered.",
    ),
    p(
      "Safe schema evolution is mostly a matter of sequencing. Changes that are dangerous in one step become routine when split into several.",
    ),
    h2("Classify the change first"),
    p("Before writing the migration, decide which category it belongs to:"),
    ul(
      li(
        b("Additive:"),
        " a new nullable column, a new table, a new optional field in an event. Safe for readers that select columns by name.",
      ),
      li(
        b("Widening:"),
        " a larger integer type, a longer text limit. Usually safe, occasionally surprising for strictly typed consumers.",
      ),
      li(
        b("Breaking:"),
        " renames, removals, type changes that narrow or reinterpret, and changes in meaning such as units or time zones.",
      ),
    ),
    p(
      "Only the last category needs ceremony, but it needs all of it. The most dangerous breaking changes are semantic: switching ",
      code("amount"),
      " from dollars to cents changes no type and passes every schema check ever written.",
    ),
    h2("Expand, migrate, contract"),
    p(
      "The core technique for breaking changes is never to make them in a single step. Renaming ",
      code("customers.region"),
      " to ",
      code("sales_region"),
      " becomes four:",
    ),
    ol(
      li(b("Expand:"), " add the new column alongside the old one, and have the application write both."),
      li(b("Backfill:"), " copy historical values into the new column in small batches."),
      li(b("Migrate readers:"), " move every consumer to the new column, one at a time, on their own schedule."),
      li(b("Contract:"), " once nothing reads the old column — verified, not assumed — drop it."),
    ),
    p(
      "The dual write in the expand step is the part most teams skip, and skipping it turns the backfill into a moving target: rows written after the backfill started arrive with only the old column filled. A database trigger can do the dual write if changing the application first is awkward, as long as someone removes it again in the contract step.",
    ),
    p(
      "In Postgres, the expand and backfill steps look like this. Each statement is chosen to avoid holding a long lock on a busy table:",
    ),
    codeBlock(
      "sql",
      `
      -- 1. Expand: adding a nullable column without a default is metadata-only.
      ALTER TABLE customers ADD COLUMN sales_region text;

      -- 2. Backfill in bounded batches; repeat until it updates 0 rows.
      --    (region is NOT NULL, so every pass makes progress.)
      UPDATE customers
      SET sales_region = region
      WHERE id IN (
        SELECT id FROM customers
        WHERE sales_region IS NULL
        LIMIT 10000
      );

      -- 3. Add the constraint without scanning under an exclusive lock,
      --    then validate it under a weaker lock.
      ALTER TABLE customers
        ADD CONSTRAINT customers_sales_region_not_null
        CHECK (sales_region IS NOT NULL) NOT VALID;
      ALTER TABLE customers VALIDATE CONSTRAINT customers_sales_region_not_null;

      -- 4. Index without blocking writes (cannot run inside a transaction).
      CREATE INDEX CONCURRENTLY customers_sales_region_idx
        ON customers (sales_region);
      `,
    ),
    p(
      "The ",
      link("ALTER TABLE reference", "https://www.postgresql.org/docs/current/sql-altertable.html"),
      " documents which forms rewrite the table or take an exclusive lock. It is worth reading before any migration on a large table, and worth rereading after every major version upgrade.",
    ),
    h2("Events and files need compatibility rules"),
    p(
      "A table at least has one current schema. Event streams and files in a lake carry every historical schema forever, so readers must cope with old and new versions at the same time. Schema registries formalize this with compatibility modes. Under ",
      b("backward"),
      " compatibility, consumers on the new schema can read data written with the old one, so you may delete fields and add fields that have defaults, but not add required fields. ",
      b("Forward"),
      " compatibility is the mirror image: old consumers can read data written with the new schema. Choose a mode per topic deliberately; the ",
      link(
        "Confluent guide to schema evolution",
        "https://docs.confluent.io/platform/current/schema-registry/fundamentals/schema-evolution.html",
      ),
      " has a precise table of what each mode allows.",
    ),
    p(
      "Table formats such as ",
      link("Apache Iceberg", "https://iceberg.apache.org/docs/latest/evolution/"),
      " track columns by id rather than by name or position, which makes renames and reorders safe at the storage layer. That protects the files. It does nothing for the SQL in downstream jobs that still refers to the old name.",
    ),
    quote(
      "A schema change is not finished when the migration runs. It is finished when the last consumer has moved and the old shape is gone.",
    ),
    h2("Know your consumers before you change anything"),
    p("Sequencing only works if you know who reads what. Three practical sources of that knowledge:"),
    ul(
      "Query logs from the warehouse, which show which jobs and people touched a column recently.",
      "Lineage from your transformation tooling, where it exists.",
      li(
        link("Data contracts", "/blog/data-contracts-enforced-in-ci"),
        ", which make consumers explicit and let CI flag breaking changes at review time.",
      ),
    ),
    p("None is complete on its own. Together they turn “we think nothing uses this” into evidence. Before the contract step, watch the query logs for the old column name across a full business cycle, including month-end jobs, which run rarely and break loudly."),
    h2("Protect the models"),
    p(
      "ML consumers deserve extra care because they fail silently. A renamed feature column often does not crash a model: the feature pipeline fills the missing value with a default, and predictions degrade without a single error. Add explicit checks that every expected feature is present with a plausible null rate, and ",
      link("watch for distribution shifts", "/blog/catching-model-drift-early"),
      " after any upstream migration. When a model is retrained on a changed schema, keep the previous model and its feature path available until the new one has proven itself — the ",
      link("rollback plan", "/blog/rollback-plans-for-ml"),
      " should cover the schema as well as the weights.",
    ),
  ),
};

const ragFreshness: DemoPost = {
  title: "Your Retrieval Index Is a Pipeline, Not an Artifact",
  slug: "keeping-rag-corpus-fresh",
  customExcerpt:
    "A RAG index built once and left alone starts going stale the day it ships. Treat ingestion as a pipeline with updates, deletions and re-embedding built in.",
  authorKey: "maya",
  tagSlugs: ["retrieval", "data-engineering"],
  daysAgo: 164,
  status: "PUBLISHED",
  doc: doc(
    p(
      "The typical retrieval-augmented generation project has a build phase followed by silence. Someone writes a script that crawls the documentation, chunks it, embeds it and loads a vector index. The assistant launches, people like it, and the script is never run again — or it is run by hand, occasionally, by whoever remembers. Six months later the product has shipped two major releases, a third of the pricing page has changed, and the assistant is citing policies that no longer exist. Worse, it cites them fluently.",
    ),
    p(
      "The fix is to stop treating the index as something you build and start treating it as a derived dataset you maintain, with the same properties you would demand of any production pipeline.",
    ),
    h2("Track documents, not just chunks"),
    p(
      "Most ingestion scripts throw away exactly the information needed for updates. Keep a document table keyed by a stable source identifier — a URL, a CMS id, a file path — with a content hash, a last-seen timestamp, and the version of the chunking and embedding configuration used to process it. Chunks reference their document. With that in place, every sync becomes a diff:",
    ),
    codeBlock(
      "python",
      `
      import hashlib


      def sync_source(source, store, pipeline_version: str) -> dict[str, int]:
          seen: set[str] = set()
          stats = {"added": 0, "updated": 0, "unchanged": 0, "deleted": 0}

          for document in source.iter_documents():
              seen.add(document.source_id)
              digest = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
              current = store.get_document(document.source_id)

              if current and current.hash == digest and current.pipeline_version == pipeline_version:
                  stats["unchanged"] += 1
                  continue

              chunks = chunk_and_embed(document)  # your chunking + embedding step
              store.replace_document(document.source_id, digest, pipeline_version, chunks)
              stats["updated" if current else "added"] += 1

          for source_id in store.document_ids(source.name) - seen:
              store.delete_document(source_id)
              stats["deleted"] += 1
          return stats
      `,
    ),
    p(
      "Use identifiers from the source rather than inventing your own. A URL that changes when a page is renamed will look like a deletion plus an addition, which is harmless. An identifier derived from the chunk text makes every edit look like an unrelated new document, and the old version is never removed.",
    ),
    p(
      code("replace_document"),
      " should swap a document's chunks atomically — delete and insert in one transaction — so that a query never sees half of the old version and half of the new. It is the partition-overwrite pattern from ",
      link("Run It Twice", "/blog/pipelines-that-survive-retries"),
      ", with the document as the partition.",
    ),
    h2("Deletions are the part everyone forgets"),
    p(
      "Updating changed content is intuitive. Removing content that disappeared from the source is not, and stale chunks from deleted pages are the most common cause of confidently wrong answers we find in audits. Two safeguards make deletion safe to automate:",
    ),
    ul(
      "Only delete after a crawl that completed successfully. A source that errored halfway through must not be read as “everything else was deleted”.",
      "Cap deletions per run — say, five percent of a source's documents — and require a person to approve anything larger. A broken crawler looks exactly like a mass deletion.",
    ),
    p(
      "Keep tombstones for deleted documents for a while instead of erasing every trace. When someone asks why the assistant stopped answering a particular question, the record of what was removed, and when, is the first thing you will want.",
    ),
    h2("Re-embedding is a migration"),
    p(
      "When you change the embedding model, every stored vector becomes incompatible with new query embeddings. Changing chunk size or overlap has a milder version of the same effect, because old and new chunks are not comparable units. Record the pipeline version on every document — the ",
      code("pipeline_version"),
      " field above does exactly that — and treat upgrades as a blue–green migration: build the new index next to the old one, evaluate both on the same retrieval test set, then switch reads. The general pattern is in ",
      link("The Undo Button", "/blog/rollback-plans-for-ml"),
      ".",
    ),
    quote(
      "Upgrading the embedding model is a schema change for your vectors. Nothing about it is incremental.",
    ),
    h2("Freshness is a metric"),
    p("Once sync is a pipeline, you can measure it. The numbers we put on the dashboard for every RAG system:"),
    ol(
      "Age of the last successful sync, per source.",
      "Documents added, updated and deleted per run — a sudden zero is as suspicious as a sudden spike.",
      "Share of chunks produced by the current pipeline version.",
      "Share of sampled production answers whose cited documents changed at the source after they were indexed.",
    ),
    p(
      "Set a freshness target per source based on how fast it changes and how much damage stale content does. Pricing and policy pages might need hourly syncs; an archive of old design documents can be refreshed weekly. Alert on the age of the last sync, do not just chart it: a sync that silently stopped weeks ago is the single most common failure we find, and it stays invisible in the answers until someone asks about something recent.",
    ),
    h2("Metadata makes freshness useful"),
    p(
      "Store the source's own last-modified date on each chunk and expose it in the prompt. It lets the model prefer the newer passage when two disagree, and it lets you show users how current the cited material is. It also enables simple filters — excluding documents marked deprecated, restricting answers to the product version the user runs — which often improve quality more than any change to ",
      link("ranking", "/blog/hybrid-retrieval-in-practice"),
      ".",
    ),
    p(
      "None of this is glamorous, and none of it shows up in a demo. It is the difference between an assistant that is right at launch and one that is still right a year later.",
    ),
  ),
};

const pilotMomentum: DemoPost = {
  title: "From Pilot to Production: Where AI Projects Lose Momentum",
  slug: "where-ai-pilots-lose-momentum",
  customExcerpt:
    "The prototype impressed everyone and the launch never came. The reasons are rarely technical, and they are predictable enough to plan around.",
  authorKey: "maya",
  tagSlugs: ["strategy"],
  daysAgo: 1,
  status: "DRAFT",
  doc: doc(
    p(
      "The pattern is familiar enough that we can usually predict the month it happens. A team builds a prototype in a few weeks. It answers questions over internal documents, or drafts replies to support tickets, or extracts fields from contracts. The presentation goes well, and leadership asks when everyone can use it. Then the project sits at “almost ready” for two quarters while the team works through problems nobody scoped.",
    ),
    p(
      "These stalls are rarely caused by an inadequate model. They come from work that was invisible during the prototype and unavoidable in production.",
    ),
    h2("The prototype answered an easier question"),
    p(
      "A prototype answers ",
      i("can this work?"),
      " on curated inputs, with its builder at the keyboard choosing the questions. Production has to answer ",
      i("does this work reliably, for everyone, on whatever they type?"),
      " The gap between those two questions is where the months go:",
    ),
    ul(
      "Inputs are messier: scanned PDFs, half-completed forms, questions in three languages.",
      "A wrong answer that was tolerable in a meeting is unacceptable once a customer acts on it.",
      li(
        "Latency that felt fine in a demo is too slow inside a real workflow — see ",
        link("latency budgets", "/blog/latency-budgets-for-llm-features"),
        ".",
      ),
      "Access control matters: the prototype could read everything, the product must respect who may see what.",
    ),
    p(
      "Each of these is manageable on its own. The trouble is that none was estimated, so each arrives as a surprise and is reported upward as a delay. A pilot plan that lists them explicitly, even with rough sizes, changes the conversation from “why is this late?” to “which of these do we need before launch?”",
    ),
    h2("Nobody defined “good enough”"),
    p(
      "The most common single cause of a stalled pilot is the absence of an agreed quality bar. Without one, every review surfaces a new failure, the team fixes it, and the next review surfaces another. The project cannot finish because finishing was never defined.",
    ),
    p(
      "The remedy is to write the bar down before building further: a set of representative cases, the pass rate required on them, and the categories of error that are unacceptable at any rate. That is an ",
      link("eval suite", "/blog/building-llm-eval-suites"),
      ", and agreeing on it with the business owner is the highest-leverage meeting of the whole project.",
    ),
    quote(
      "If you cannot say which result would let you ship, you are not running a pilot. You are running a demo with no end date.",
    ),
    h2("The data was borrowed, not owned"),
    p(
      "Prototypes often run on a one-off export: a dump of the knowledge base, a spreadsheet someone pulled from the CRM. Production needs that data continuously, with freshness guarantees and an owner on the producing side. That means pipelines, ",
      link("contracts with the source teams", "/blog/data-contracts-enforced-in-ci"),
      ", and ",
      link("ingestion that handles updates and deletions", "/blog/keeping-rag-corpus-fresh"),
      ". It is solid, schedulable engineering — but it was not in the plan, so it arrives as a surprise and gets treated as a delay.",
    ),
    h2("Operations had no owner"),
    p(
      "Someone has to be on call for the feature, watch its quality over time, handle model and prompt upgrades, and decide when to roll back. During a pilot the builders do this informally. When they move on to the next project, nobody does, and cautious stakeholders are right to hold the launch. Before scaling a pilot, name the owning team and make sure they can see what the system is doing: ",
      link("prompt and model versions", "/blog/versioning-prompts-and-models"),
      " in the logs, quality and drift metrics on a dashboard, and a rollback path that has actually been tested.",
    ),
    p(
      "Cost belongs in the same conversation. A prototype's bill is a rounding error; the same design at full traffic may not be, and the time to find out is before the launch announcement, not after the first invoice.",
    ),
    h2("Planning a pilot that ships"),
    ol(
      "Pick a workflow with a clear owner and a measurable outcome, not a capability in search of a use.",
      "Write down the quality bar and the latency budget in the first two weeks, with the people who will sign off.",
      "Build against live data feeds from the start, even if the first version is crude.",
      "Put the eventual operating team in the room from day one.",
      "Set a decision date. On that date the pilot either meets the bar and moves to production, or it stops.",
    ),
    p(
      "The last point is the one teams resist most and the one that matters most. A pilot with a decision date produces a decision. A pilot without one produces an open-ended line item, and a team that slowly loses faith in the whole program.",
    ),
    hr(),
    p(
      i(
        "Draft — still to add: a worked example from a document-extraction pilot, with the quality bar we agreed on and how long each of the hidden work items took.",
      ),
    ),
  ),
};

export const demoPosts: DemoPost[] = [
  latencyBudgets,
  hybridRetrieval,
  idempotentPipelines,
  promptVersioning,
  dataContracts,
  driftMonitoring,
  evalSuites,
  rollbackPlans,
  featureStores,
  streamingVsBatch,
  schemaEvolution,
  ragFreshness,
  pilotMomentum,
];
