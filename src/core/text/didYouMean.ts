// Did-you-mean candidates by edit distance.

/** Levenshtein distance between a and b, case-insensitive, giving up (returning limit + 1) past limit. */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER): number {
	a = a.toLowerCase();
	b = b.toLowerCase();
	if (Math.abs(a.length - b.length) > limit) {
		return limit + 1;
	}
	let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
	let cur = new Array<number>(b.length + 1);
	for (let i = 1; i <= a.length; i++) {
		cur[0] = i;
		let rowMin = cur[0];
		for (let j = 1; j <= b.length; j++) {
			cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
			rowMin = Math.min(rowMin, cur[j]);
		}
		if (rowMin > limit) {
			return limit + 1;
		}
		[prev, cur] = [cur, prev];
	}
	return prev[b.length];
}

/** Up to `max` candidates close to `word` (distance at most a third of its length, at least 1, plus case-only differences), best first. */
export function didYouMean(word: string, candidates: Iterable<string>, max = 3): string[] {
	const limit = Math.max(1, Math.floor(word.length / 3));
	const scored: { c: string; d: number }[] = [];
	const seen = new Set<string>();
	for (const c of candidates) {
		if (c === word || seen.has(c)) {
			continue;
		}
		seen.add(c);
		const d = editDistance(word, c, limit);
		if (d <= limit) {
			scored.push({ c, d });
		}
	}
	return scored.sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1)).slice(0, max).map((s) => s.c);
}

/** " Did you mean "x"?" or '' — the suffix used in messages. */
export function suggestionText(candidates: readonly string[]): string {
	return candidates.length ? ` Did you mean "${candidates[0]}"?` : '';
}
