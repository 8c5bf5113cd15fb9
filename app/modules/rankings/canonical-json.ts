// Canonical JSON for publication snapshots: the same value always gives the same text, so its
// SHA-256 identifies the content. Object keys are sorted by UTF-16 code units (as RFC 8785 does),
// no whitespace, numbers as JavaScript writes them (the shortest text that reads back the same
// number; -0 is written 0), undefined properties left out. Anything JSON cannot hold faithfully
// (NaN, Infinity, a Date, a function, a bigint) is refused rather than written differently.

export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts);
  return parts.join("");
}

/** Appends the canonical text of `value` to `out`, token by token (one join at the end). */
function write(value: unknown, out: string[]): void {
  if (value === null) {
    out.push("null");
    return;
  }
  switch (typeof value) {
    case "boolean":
      out.push(value ? "true" : "false");
      return;
    case "string":
      out.push(JSON.stringify(value));
      return;
    case "number":
      if (!Number.isFinite(value)) throw new TypeError("canonicalJson: numbers must be finite");
      out.push(Object.is(value, -0) ? "0" : String(value));
      return;
    case "object": {
      if (Array.isArray(value)) {
        out.push("[");
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out.push(",");
          const v: unknown = value[i];
          write(v === undefined ? null : v, out);
        }
        out.push("]");
        return;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new TypeError("canonicalJson: only plain objects and arrays");
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      out.push("{");
      for (const [i, [k, v]] of entries.entries()) {
        if (i > 0) out.push(",");
        out.push(JSON.stringify(k), ":");
        write(v, out);
      }
      out.push("}");
      return;
    }
    default:
      throw new TypeError(`canonicalJson: cannot write a ${typeof value}`);
  }
}
