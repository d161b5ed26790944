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

/** Records the index terms of a field's text with its weight (the highest weight of a term wins). */
function addTerms(weights: Map<string, number>, value: string, weight: number): void {
  for (const token of tokenize(foldForMatch(value))) {
    for (const t of termsOf(token)) {
      const had = weights.get(t);
      if (had === undefined || had < weight) weights.set(t, weight);
    }
  }
}

/** One term's documents: parallel arrays of document ordinals and field weights, append-only. */
interface Posting {
  ords: number[];
  weights: number[];
}

/**
 * An in-memory inverted index with prefix matching over stems: each query word must match
 * (AND), each by prefix of a stem, so "Saimaa" finds "Saimaannorpan" and "Erätauko" finds
 * "Erätauko-dialogit". A query typed without ä/ö also searches the folded vocabulary; a query
 * with them keeps the distinction. Lookup is a binary search in a sorted vocabulary — never a
 * scan of documents — so a query costs O(matching terms), not O(entries).
 *
 * Building it is on the path of an instance's first request (a snapshot of 10,000 entries is
 * indexed at start-up), so postings are append-only arrays of document ordinals rather than a
 * map per term: replacing or removing a document only retires its ordinal, searches skip retired
 * ones, and the postings are compacted once retired ordinals outnumber live documents.
 */
export class SearchIndex {
  private readonly postings = new Map<string, Posting>();
  /** Live ordinal of each document key. */
  private readonly ordOf = new Map<string, number>();
  /** Key of each ordinal; undefined once retired. */
  private keyOf: (string | undefined)[] = [];
  private retired = 0;
  private vocabulary: string[] = [];
  private dirty = false;
  private readonly scratch = new Map<string, number>();

  /** Number of indexed documents. */
  get size(): number {
    return this.ordOf.size;
  }

  /** Adds or replaces one document. */
  set(key: string, text: IndexedText): void {
    this.remove(key);
    // One scratch map for every document: indexing 10,000 of them must not churn the heap.
    const weights = this.scratch;
    weights.clear();
    addTerms(weights, text.title, WEIGHT.title);
    for (const label of text.labels) addTerms(weights, label, WEIGHT.labels);
    addTerms(weights, text.description, WEIGHT.description);
    const ord = this.keyOf.length;
    this.keyOf.push(key);
    this.ordOf.set(key, ord);
    for (const [term, weight] of weights) {
      let posting = this.postings.get(term);
      if (!posting) {
        posting = { ords: [], weights: [] };
        this.postings.set(term, posting);
        this.dirty = true;
      }
      posting.ords.push(ord);
      posting.weights.push(weight);
    }
  }

  /** Removes a document (no-op when absent). */
  remove(key: string): void {
    const ord = this.ordOf.get(key);
    if (ord === undefined) return;
    this.ordOf.delete(key);
    this.keyOf[ord] = undefined;
    this.retired++;
    if (this.retired > this.ordOf.size + 1000) this.compact();
  }

  /** Drops retired ordinals from every posting, and terms left without documents. */
  private compact(): void {
    const renumber = new Map<number, number>();
    const keys: string[] = [];
    this.keyOf.forEach((key, ord) => {
      if (key === undefined) return;
      renumber.set(ord, keys.length);
      this.ordOf.set(key, keys.length);
      keys.push(key);
    });
    for (const [term, posting] of this.postings) {
      const ords: number[] = [];
      const weights: number[] = [];
      posting.ords.forEach((ord, i) => {
        const now = renumber.get(ord);
        if (now === undefined) return;
        ords.push(now);
        weights.push(posting.weights[i]!);
      });
      if (ords.length === 0) {
        this.postings.delete(term);
        this.dirty = true;
      } else this.postings.set(term, { ords, weights });
    }
    this.keyOf = keys;
    this.retired = 0;
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
        const { ords, weights } = this.postings.get(term)!;
        for (let i = 0; i < ords.length; i++) {
          const key = this.keyOf[ords[i]!];
          if (key === undefined) continue; // retired: replaced or removed since
          const score = weights[i]! + bonus;
          const had = scores.get(key);
          if (had === undefined || had < score) scores.set(key, score);
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
