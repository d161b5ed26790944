import { stem } from "./finnish-stem";
import { asciiFold, foldForMatch, hasNordicLetters, tokenize } from "./normalise";

/** Text of one document, by field weight class. */
export interface IndexedText {
  /** Strongest signal: the title. */
  title: string;
  /** Short labelled fields: places, partners, themes. */
  labels: string[];
  description: string;
}

const WEIGHT = { title: 3, labels: 2, description: 1 } as const;
/** Terms of the ä/ö-less vocabulary carry this prefix so the two never mix in one sorted list. */
const FOLDED = "~";

/** Index terms per token, memoised: a directory repeats its words, and stemming is the cost. */
const TERMS = new Map<string, readonly string[]>();
const MAX_MEMO = 200_000;

function termsOf(token: string): readonly string[] {
  let terms = TERMS.get(token);
  if (!terms) {
    const plain = asciiFold(token);
    terms = plain !== token ? [stem(token), FOLDED + stem(plain)] : [stem(token)];
    if (TERMS.size >= MAX_MEMO) TERMS.clear();
    TERMS.set(token, terms);
  }
  return terms;
}

/**
 * An in-memory inverted index with prefix matching over stems: each query word must match
 * (AND), each by prefix of a stem, so "Saimaa" finds "Saimaannorpan" and "Erätauko" finds
 * "Erätauko-dialogit". A query typed without ä/ö also searches the folded vocabulary; a query
 * with them keeps the distinction. Lookup is a binary search in a sorted vocabulary — never a
 * scan of documents — so a query costs O(matching terms), not O(entries).
 */
export class SearchIndex {
  private readonly postings = new Map<string, Map<string, number>>();
  private readonly docTerms = new Map<string, string[]>();
  private vocabulary: string[] = [];
  private dirty = false;

  /** Number of indexed documents. */
  get size(): number {
    return this.docTerms.size;
  }

  /** Adds or replaces one document. */
  set(key: string, text: IndexedText): void {
    this.remove(key);
    const weights = new Map<string, number>();
    const add = (value: string, weight: number) => {
      for (const token of tokenize(foldForMatch(value))) {
        for (const t of termsOf(token)) weights.set(t, Math.max(weights.get(t) ?? 0, weight));
      }
    };
    add(text.title, WEIGHT.title);
    for (const label of text.labels) add(label, WEIGHT.labels);
    add(text.description, WEIGHT.description);
    for (const [term, weight] of weights) {
      let docs = this.postings.get(term);
      if (!docs) {
        docs = new Map();
        this.postings.set(term, docs);
        this.dirty = true;
      }
      docs.set(key, weight);
    }
    this.docTerms.set(key, [...weights.keys()]);
  }

  /** Removes a document (no-op when absent). */
  remove(key: string): void {
    const terms = this.docTerms.get(key);
    if (!terms) return;
    for (const term of terms) {
      const docs = this.postings.get(term);
      docs?.delete(key);
      if (docs && docs.size === 0) {
        this.postings.delete(term);
        this.dirty = true;
      }
    }
    this.docTerms.delete(key);
  }

  /**
   * Scores of the documents matching every word of `query`; undefined when the query has no
   * words (the caller then lists without ranking).
   */
  search(query: string): Map<string, number> | undefined {
    const tokens = tokenize(foldForMatch(query));
    if (tokens.length === 0) return undefined;
    let result: Map<string, number> | undefined;
    for (const token of new Set(tokens)) {
      const scores = this.matchToken(token);
      if (!result) result = scores;
      else {
        for (const key of result.keys()) {
          const s = scores.get(key);
          if (s === undefined) result.delete(key);
          else result.set(key, result.get(key)! + s);
        }
      }
      if (result.size === 0) break;
    }
    return result;
  }

  private matchToken(token: string): Map<string, number> {
    const prefixes = [stem(token)];
    if (!hasNordicLetters(token)) prefixes.push(FOLDED + stem(token));
    const scores = new Map<string, number>();
    for (const prefix of prefixes) {
      for (const term of this.termsWithPrefix(prefix)) {
        // A whole-stem match (same word, other inflection) outranks a longer compound.
        const bonus = term === prefix ? 1 : 0;
        for (const [key, weight] of this.postings.get(term)!) {
          scores.set(key, Math.max(scores.get(key) ?? 0, weight + bonus));
        }
      }
    }
    return scores;
  }

  private termsWithPrefix(prefix: string): string[] {
    if (this.dirty) {
      this.vocabulary = [...this.postings.keys()].sort();
      this.dirty = false;
    }
    const v = this.vocabulary;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < v.length && v[i]!.startsWith(prefix); i++) out.push(v[i]!);
    return out;
  }
}
