/**
 * A large, realistic blog for the benchmark, built from the demo posts' own prose: every generated post
 * recombines real paragraphs, headings, lists, quotes and code blocks (in several languages) under a new
 * title, so pages, feeds and search work on text that reads like the site's. Deterministic for a seed.
 */
import { codeBlock, type BlockNode, type DocNode } from "@/prisma/demo/builders";
import { demoPosts, demoTags } from "@/prisma/demo/content";

/** Mulberry32: small, fast and good enough to make a data set repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Samples ranks 0..n-1 with probability proportional to 1/(rank+1)^exponent. */
export class Zipf {
  private readonly cumulative: number[];
  constructor(n: number, exponent: number) {
    let total = 0;
    this.cumulative = Array.from({ length: n }, (_, rank) => (total += 1 / (rank + 1) ** exponent));
    this.cumulative = this.cumulative.map((value) => value / total);
  }
  sample(random: Random): number {
    const target = random();
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cumulative[middle] ?? 1) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

// ---------------------------------------------------------------------------------------------
// Material

interface Material {
  paragraphs: BlockNode[];
  headings: BlockNode[];
  subheadings: BlockNode[];
  lists: BlockNode[];
  quotes: BlockNode[];
  code: BlockNode[];
}

const extraCode: BlockNode[] = [
  codeBlock(
    "python",
    `
    from dataclasses import dataclass
    from datetime import datetime, timedelta

    @dataclass(frozen=True)
    class Window:
        start: datetime
        end: datetime

    def backfill_windows(start: datetime, end: datetime, step: timedelta) -> list[Window]:
        """Split [start, end) into idempotent windows that can be retried one by one."""
        windows, cursor = [], start
        while cursor < end:
            windows.append(Window(cursor, min(cursor + step, end)))
            cursor += step
        return windows
    `,
  ),
  codeBlock(
    "sql",
    `
    -- Posts per tag over the last 90 days, with the share of the total.
    SELECT t.slug,
           count(*) AS posts,
           round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS share
      FROM post_tags pt
      JOIN tags t ON t.id = pt.tag_id
      JOIN posts p ON p.id = pt.post_id
     WHERE p.published_at > now() - interval '90 days'
     GROUP BY t.slug
     ORDER BY posts DESC
     LIMIT 20;
    `,
  ),
  codeBlock(
    "go",
    `
    func withRetry(ctx context.Context, attempts int, fn func(context.Context) error) error {
        backoff := 100 * time.Millisecond
        var err error
        for i := 0; i < attempts; i++ {
            if err = fn(ctx); err == nil {
                return nil
            }
            select {
            case <-ctx.Done():
                return ctx.Err()
            case <-time.After(backoff):
                backoff *= 2
            }
        }
        return fmt.Errorf("after %d attempts: %w", attempts, err)
    }
    `,
  ),
  codeBlock(
    "rust",
    `
    use std::collections::HashMap;

    /// Counts tokens per document; the tokenizer is deliberately naive.
    pub fn term_frequencies(text: &str) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            *counts.entry(word.to_lowercase()).or_insert(0) += 1;
        }
        counts
    }
    `,
  ),
  codeBlock(
    "bash",
    `
    #!/usr/bin/env bash
    set -euo pipefail

    # Restore last night's dump into a scratch database and check the row counts.
    createdb restore_check
    pg_restore --no-owner --dbname=restore_check "backups/$(date -d yesterday +%F).dump"
    psql restore_check -Atc "SELECT count(*) FROM posts" | tee /dev/stderr | grep -qv '^0$'
    dropdb restore_check
    `,
  ),
  codeBlock(
    "yaml",
    `
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: inference-api
    spec:
      replicas: 3
      strategy:
        rollingUpdate: { maxUnavailable: 0, maxSurge: 1 }
      template:
        spec:
          containers:
            - name: api
              image: registry.example.com/inference-api:1.14.2
              resources:
                requests: { cpu: "500m", memory: "1Gi" }
              readinessProbe:
                httpGet: { path: /healthz, port: 8080 }
    `,
  ),
  codeBlock(
    "typescript",
    `
    export function p99(samples: number[]): number {
      if (samples.length === 0) return Number.NaN;
      const sorted = [...samples].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
    }
    `,
  ),
  codeBlock(
    "json",
    `
    {
      "model": "ranker-v7",
      "dataset": "golden-2024-q3",
      "metrics": { "ndcg@10": 0.612, "recall@50": 0.884, "p95_latency_ms": 41 },
      "baseline": { "model": "ranker-v6", "ndcg@10": 0.597 }
    }
    `,
  ),
];

function collectMaterial(): Material {
  const material: Material = { paragraphs: [], headings: [], subheadings: [], lists: [], quotes: [], code: [...extraCode] };
  for (const post of demoPosts) {
    for (const block of post.doc.content) {
      if (block.type === "paragraph" && block.content) material.paragraphs.push(block);
      else if (block.type === "heading") (block.attrs.level === 2 ? material.headings : material.subheadings).push(block);
      else if (block.type === "bulletList" || block.type === "orderedList") material.lists.push(block);
      else if (block.type === "blockquote") material.quotes.push(block);
      else if (block.type === "codeBlock") material.code.push(block);
    }
  }
  return material;
}

const material = collectMaterial();

// ---------------------------------------------------------------------------------------------
// Titles, tags and authors

const subjects = [
  "PostgreSQL", "Kafka", "Kubernetes", "Redis", "vector search", "feature flags", "gRPC", "WebAssembly",
  "Terraform", "dbt", "Airflow", "Spark", "ClickHouse", "DuckDB", "Rust services", "Go services",
  "TypeScript monorepos", "GraphQL", "OpenTelemetry", "Prometheus", "embeddings", "rerankers",
  "prompt caching", "LLM agents", "fine-tuning", "batch inference", "change data capture", "event sourcing",
  "blue-green deploys", "canary releases", "SLOs", "on-call rotations", "load shedding", "rate limiting",
  "connection pooling", "query planning", "schema migrations", "data contracts", "feature stores",
  "model registries", "hybrid retrieval", "eval suites", "drift detection", "object storage", "CDNs",
  "edge caching", "service meshes", "background jobs", "idempotent APIs", "structured logging",
];
const angles = [
  "Lessons from a Year of Incidents", "What the Benchmarks Miss", "A Field Report", "Trade-offs We Accepted",
  "Measured, Not Guessed", "The Boring Parts", "Notes from the Pager", "A Checklist", "What We Would Do Again",
  "Before You Scale",
];
const metrics = ["p99 latency", "cloud spend", "build times", "cold starts", "query time", "on-call pages", "index size", "deploy time"];
const titleTemplates: ((r: Random) => string)[] = [
  (r) => `What ${between(r, 3, 30)} Months of ${pick(r, subjects)} Taught Us`,
  (r) => `${pick(r, subjects)} in Production: ${pick(r, angles)}`,
  (r) => `A Practical Guide to ${pick(r, subjects)}`,
  (r) => `When ${pick(r, subjects)} Is the Wrong Tool`,
  (r) => `Debugging ${pick(r, subjects)} Under Load`,
  (r) => `${pick(r, subjects)} Without the Hype`,
  (r) => `How We Cut ${pick(r, metrics)} by ${between(r, 12, 87)}% with ${pick(r, subjects)}`,
  (r) => `Notes on ${pick(r, subjects)} and ${pick(r, subjects)}`,
  (r) => `The Hidden Cost of ${pick(r, subjects)}`,
  (r) => `${pick(r, subjects)} vs. ${pick(r, subjects)}: ${pick(r, angles)}`,
  (r) => `Migrating from ${pick(r, subjects)} to ${pick(r, subjects)}`,
  (r) => `Testing ${pick(r, subjects)} Before It Tests You`,
  (r) => `${pick(r, ["Three", "Five", "Seven", "Ten"])} Mistakes We Made with ${pick(r, subjects)}`,
  (r) => `Scaling ${pick(r, subjects)} on a Small Team`,
];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const tagBases = [
  "PostgreSQL", "Kafka", "Kubernetes", "Redis", "Terraform", "dbt", "Airflow", "Spark", "ClickHouse", "DuckDB",
  "Rust", "Go", "TypeScript", "Python", "GraphQL", "gRPC", "WebAssembly", "OpenTelemetry", "Prometheus",
  "Observability", "Incident Response", "On-call", "SRE", "Security", "Privacy", "Testing", "Code Review",
  "Architecture", "APIs", "Caching", "Search", "Embeddings", "Vector Databases", "Fine-tuning", "Agents",
  "Prompting", "Inference", "GPUs", "Cost", "Performance", "Reliability", "Databases", "Streaming",
  "Batch Processing", "Data Quality", "Data Modeling", "Analytics", "Warehousing", "Lakehouse", "ETL",
  "CI/CD", "Deployment", "Feature Flags", "Migrations", "Backups", "Networking", "Linux", "Containers",
  "Serverless", "Edge", "Frontend", "Accessibility", "Documentation", "Hiring", "Management", "Career",
  "Open Source", "Postmortems", "Compliance", "Product",
];
const tagFacets = ["Performance", "Operations", "Internals", "Testing", "Security", "Tooling", "Patterns", "Migrations"];

/** `count` distinct tag names: the demo's six first (the site's core topics), then technology tags. */
export function tagNames(count: number, random: Random): { name: string; description: string | null }[] {
  const names: { name: string; description: string | null }[] = demoTags.map((tag) => ({ name: tag.name, description: tag.description }));
  const seen = new Set(names.map((tag) => tag.name.toLowerCase()));
  const add = (name: string) => {
    if (names.length >= count || seen.has(name.toLowerCase())) return;
    seen.add(name.toLowerCase());
    names.push({ name, description: random() < 0.5 ? `Posts about ${name.toLowerCase()} from the team that runs it.` : null });
  };
  for (const base of tagBases) add(base);
  for (const facet of tagFacets) for (const base of tagBases) add(`${base} ${facet}`);
  if (names.length < count) throw new Error(`Only ${names.length} distinct tag names; ${count} asked for.`);
  return names;
}

const firstNames = ["Aisha", "Bruno", "Chen", "Dara", "Elif", "Felix", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Lars", "Mina", "Nikhil", "Olga", "Pablo", "Quinn", "Rosa", "Sven", "Tara"];
const lastNames = ["Adeyemi", "Bergstrom", "Castillo", "Dubois", "Eriksen", "Fujita", "Gallagher", "Haddad", "Ivanova", "Jansen", "Kowalski", "Lombardi", "Mwangi", "Nakamura", "Oyelaran", "Petrov", "Quintero", "Rahman", "Schulz", "Takahashi"];
const roles = ["staff engineer", "data engineer", "SRE", "ML engineer", "engineering manager", "platform engineer", "backend engineer"];

/** `count` author names and bios, all different. */
export function authorProfiles(count: number, random: Random): { name: string; bio: string }[] {
  const profiles: { name: string; bio: string }[] = [];
  const seen = new Set<string>();
  while (profiles.length < count) {
    const name = `${pick(random, firstNames)} ${pick(random, lastNames)}`;
    if (seen.has(name)) continue;
    seen.add(name);
    profiles.push({ name, bio: `${capitalise(pick(random, roles))} writing about ${pick(random, subjects)} and ${pick(random, subjects)}.` });
  }
  return profiles;
}

// ---------------------------------------------------------------------------------------------
// Posts

/** A new title; callers make slugs unique. */
export function postTitle(random: Random): string {
  return capitalise(pick(random, titleTemplates)(random));
}

/** A long-form post body: an introduction, then sections with prose, lists, code and quotes. */
export function postDoc(random: Random): DocNode {
  const blocks: BlockNode[] = [];
  for (let i = between(random, 1, 3); i > 0; i--) blocks.push(pick(random, material.paragraphs));
  for (let section = between(random, 2, 6); section > 0; section--) {
    blocks.push(pick(random, material.headings));
    for (let i = between(random, 1, 4); i > 0; i--) blocks.push(pick(random, material.paragraphs));
    if (random() < 0.4) blocks.push(pick(random, material.lists));
    if (random() < 0.35) blocks.push(pick(random, material.code));
    if (random() < 0.25) {
      blocks.push(pick(random, material.subheadings));
      for (let i = between(random, 1, 2); i > 0; i--) blocks.push(pick(random, material.paragraphs));
    }
    if (random() < 0.1) blocks.push(pick(random, material.quotes));
  }
  // Blocks are shared between posts; each document gets its own copy so nothing downstream aliases them.
  return structuredClone({ type: "doc", content: blocks });
}
