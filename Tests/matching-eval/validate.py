#!/usr/bin/env python3
"""Validate Tests/matching-eval/dataset.json and print word-matching baselines (python3 stdlib only).

Usage: python3 Tests/matching-eval/validate.py [--dataset PATH] [--taxonomy PATH] [--per-need] [--seeds N]
Exit status 0 when the set is valid, 1 otherwise (errors are listed on stderr).

Metrics (the same definitions the matcher's runner is expected to use):
  relevant  = judged relevance >= 2 (absent pair = 0)
  recall@5  = |relevant in top 5| / min(|relevant|, 5), averaged over needs
  MRR       = 1 / rank of the first relevant company (0 if none ranked), averaged over needs
  nDCG@10   = DCG@10 / ideal DCG@10 with gain 2^g - 1 and discount log2(rank + 1), averaged over needs
"""
import argparse
import json
import math
import os
import random
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

MIN_NEEDS, MIN_COMPANIES, MIN_DISTRACTORS = 24, 70, 20
MIN_NEEDS_PER_LANG, MIN_NEEDS_NO_CODES, MIN_CROSS_LINGUAL = 8, 6, 10
MATURITY = {"concept", "pilot", "commercial"}
SIZES = {"sme", "large"}
LANGS = {"ja", "en"}


def find_taxonomy(explicit):
    cands = [explicit] if explicit else [
        os.path.join(REPO, "Sources", "DomainKit", "Resources", "taxonomy.tsv"),
        os.path.join(REPO, "docs", "taxonomy.tsv"),
        "/work/shared/reference/taxonomy.tsv",
    ]
    for p in cands:
        if p and os.path.exists(p):
            return p
    # last resort: any taxonomy.tsv in the repository
    for root, _, files in os.walk(REPO):
        if ".build" in root or ".git" in root:
            continue
        if "taxonomy.tsv" in files:
            return os.path.join(root, "taxonomy.tsv")
    sys.exit("taxonomy.tsv not found; pass --taxonomy PATH")


def load_codes(path):
    codes = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code = line.split("\t")[0].strip()
            if code and code != "code":
                codes.add(code)
    return codes


# ------------------------------------------------------------------------------------------ text
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]+")
WORD = re.compile(r"[a-z0-9]+")
STOP = set("""a an and are as at be by can for from has have in into is it its of on or our so that the their
them they this to up we with which while who will would than then there these those not no do does all any
about also each other more most much many some such only own same very""".split())


def tokens(text):
    """Lower-cased latin words plus character bigrams of every Japanese run (unigram if the run is 1 char)."""
    if not text:
        return []
    text = text.lower()
    out = [w for w in WORD.findall(CJK.sub(" ", text)) if w not in STOP]
    for run in CJK.findall(text):
        out.extend([run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)])
    return out


def company_text(c):
    parts = [c.get("name_ja"), c.get("name_en")]
    for t in c["technologies"]:
        parts += [t.get("title_ja"), t.get("title_en"), t.get("description_ja"), t.get("description_en")]
    for r in c.get("track_records", []):
        parts += [r.get("city"), r.get("summary")]
    return " ".join(p for p in parts if p)


def text_langs(text):
    langs = set()
    if CJK.search(text or ""):
        langs.add("ja")
    if re.search(r"[A-Za-z]{3,}", CJK.sub(" ", text or "")):
        langs.add("en")
    return langs


def company_desc_langs(c):
    """Languages in which the company's technologies are described (titles and descriptions only)."""
    langs = set()
    for t in c["technologies"]:
        if t.get("title_ja") or t.get("description_ja"):
            langs.add("ja")
        if t.get("title_en") or t.get("description_en"):
            langs.add("en")
    return langs


# ------------------------------------------------------------------------------------------ rankers
class BM25:
    def __init__(self, docs, k1=1.2, b=0.75):
        self.k1, self.b = k1, b
        self.tf = [Counter(d) for d in docs]
        self.len = [len(d) for d in docs]
        self.avg = sum(self.len) / max(1, len(docs))
        df = Counter()
        for t in self.tf:
            df.update(t.keys())
        n = len(docs)
        self.idf = {w: math.log(1 + (n - f + 0.5) / (f + 0.5)) for w, f in df.items()}

    def scores(self, query):
        q = Counter(query)
        out = []
        for tf, ln in zip(self.tf, self.len):
            s = 0.0
            for w in q:
                f = tf.get(w)
                if f:
                    s += self.idf[w] * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * ln / self.avg))
            out.append(s)
        return out


def tfidf_scores(docs, query):
    n = len(docs)
    df = Counter()
    for d in docs:
        df.update(set(d))
    idf = {w: math.log((n + 1) / (f + 1)) + 1 for w, f in df.items()}

    def vec(toks):
        tf = Counter(toks)
        v = {w: (1 + math.log(c)) * idf.get(w, math.log(n + 1) + 1) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {w: x / norm for w, x in v.items()}

    q = vec(query)
    return [sum(q.get(w, 0) * x for w, x in vec(d).items()) for d in docs]


def metrics(ranking, grades):
    rel = {c for c, g in grades.items() if g >= 2}
    top5 = ranking[:5]
    recall5 = len(rel.intersection(top5)) / min(len(rel), 5) if rel else 0.0
    rr = 0.0
    for i, c in enumerate(ranking):
        if c in rel:
            rr = 1.0 / (i + 1)
            break
    dcg = sum((2 ** grades.get(c, 0) - 1) / math.log2(i + 2) for i, c in enumerate(ranking[:10]))
    ideal = sorted(grades.values(), reverse=True)[:10]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return recall5, rr, (dcg / idcg if idcg else 0.0)


def mean(xs):
    xs = list(xs)
    return sum(xs) / len(xs) if xs else 0.0


# ------------------------------------------------------------------------------------------ checks
def validate(d, codes):
    errors, notes = [], []
    err = errors.append

    if d.get("version") != 1:
        err("version must be 1")
    for k in ("sources", "cities", "companies", "needs", "judgements"):
        if not isinstance(d.get(k), list):
            err("missing list %r" % k)
    if errors:
        return errors, notes

    def unique(items, key, what):
        seen = Counter(i.get(key) for i in items)
        for k, n in seen.items():
            if n > 1 or not k:
                err("%s key %r not unique or empty" % (what, k))
        return set(seen)

    src = unique(d["sources"], "id", "source")
    for s in d["sources"]:
        if not s.get("title"):
            err("source %s has no title" % s.get("id"))
        if s.get("url") is not None and not re.match(r"https?://", s["url"]):
            err("source %s url not http(s)" % s.get("id"))
    cities = unique(d["cities"], "key", "city")
    for c in d["cities"]:
        if not re.fullmatch(r"[A-Z]{2}", c.get("country") or ""):
            err("city %s country not ISO alpha-2" % c.get("key"))
        if not c.get("name_en") or not c.get("name_ja"):
            err("city %s needs name_en and name_ja" % c.get("key"))
    if len({(c.get("country"), c.get("name_en")) for c in d["cities"]}) != len(d["cities"]):
        err("two cities share (country, name_en), which the database keeps unique")
    comps = unique(d["companies"], "key", "company")

    def short(owner, field, value, limit=300):
        # the database's CHECK (char_length(...) BETWEEN 1 AND 300) on names and titles
        if value is not None and not 1 <= len(value) <= limit:
            err("%s: %s must be 1..%d characters" % (owner, field, limit))
    needs = unique(d["needs"], "key", "need")

    def check_codes(owner, cs, allow_empty):
        if not isinstance(cs, list) or (not cs and not allow_empty):
            err("%s: taxonomy_codes must be a %slist" % (owner, "" if allow_empty else "non-empty "))
            return
        for code in cs:
            if code not in codes:
                err("%s: unknown taxonomy code %r" % (owner, code))
        if len(set(cs)) != len(cs):
            err("%s: duplicate taxonomy code" % owner)

    def check_sources(owner, ss):
        if not ss:
            err("%s: no sources" % owner)
        for s in ss or []:
            if s not in src:
                err("%s: unknown source %r" % (owner, s))

    desc_lang = {}
    for c in d["companies"]:
        k = c.get("key")
        if not (c.get("name_ja") or c.get("name_en")):
            err("%s: no name" % k)
        short(k, "name_ja", c.get("name_ja"))
        short(k, "name_en", c.get("name_en"))
        if c.get("size") not in SIZES:
            err("%s: size %r" % (k, c.get("size")))
        for f in ("in_yokohama", "yusa_member"):
            if not isinstance(c.get(f), bool):
                err("%s: %s must be boolean" % (k, f))
        if not c.get("languages") or any(l not in LANGS for l in c["languages"]):
            err("%s: languages %r" % (k, c.get("languages")))
        for cc in c.get("countries_with_experience", []):
            if not re.fullmatch(r"[A-Z]{2}", cc):
                err("%s: country %r" % (k, cc))
        if not c.get("technologies"):
            err("%s: no technologies" % k)
        for i, t in enumerate(c.get("technologies", [])):
            o = "%s tech %d" % (k, i)
            if not (t.get("title_ja") or t.get("title_en")):
                err("%s: no title" % o)
            short(o, "title_ja", t.get("title_ja"))
            short(o, "title_en", t.get("title_en"))
            if t.get("maturity") not in MATURITY:
                err("%s: maturity %r" % (o, t.get("maturity")))
            check_codes(o, t.get("taxonomy_codes"), False)
            for f in ("title_ja", "description_ja"):
                if t.get(f) and "ja" not in text_langs(t[f]):
                    err("%s: %s is not Japanese" % (o, f))
            for f in ("title_en", "description_en"):
                if t.get(f) and text_langs(t[f]) & {"ja"}:
                    err("%s: %s contains Japanese" % (o, f))
        for r in c.get("track_records", []):
            if not re.fullmatch(r"[A-Z]{2}", r.get("country") or ""):
                err("%s: track record country %r" % (k, r.get("country")))
            if r.get("year") is not None and not (isinstance(r["year"], int) and 1950 <= r["year"] <= 2030):
                err("%s: track record year %r" % (k, r.get("year")))
            if not r.get("summary"):
                err("%s: track record without summary" % k)
        check_sources(k, c.get("sources"))
        dl = company_desc_langs(c)
        desc_lang[k] = dl
        if set(c.get("languages", [])) != dl:
            err("%s: languages %r but technologies described in %r" % (k, c.get("languages"), sorted(dl)))

    need_lang = {}
    for n in d["needs"]:
        k = n.get("key")
        if n.get("city") not in cities:
            err("%s: unknown city %r" % (k, n.get("city")))
        if n.get("language") not in LANGS:
            err("%s: language %r" % (k, n.get("language")))
        if not n.get("title") or not n.get("description"):
            err("%s: title and description required" % k)
        short(k, "title", n.get("title"))
        tl = text_langs(n.get("title", "") + " " + n.get("description", ""))
        if n.get("language") == "en" and "ja" in tl:
            err("%s: English need contains Japanese" % k)
        if n.get("language") == "ja" and "ja" not in tl:
            err("%s: Japanese need has no Japanese text" % k)
        check_codes(k, n.get("taxonomy_codes"), True)
        check_sources(k, n.get("sources"))
        need_lang[k] = n.get("language")

    grades = {}
    for j in d["judgements"]:
        nk, ck, g = j.get("need"), j.get("company"), j.get("relevance")
        if nk not in needs:
            err("judgement: unknown need %r" % nk)
        if ck not in comps:
            err("judgement: unknown company %r" % ck)
        if g not in (1, 2, 3):
            err("judgement %s/%s: relevance %r (use 1..3; absent = 0)" % (nk, ck, g))
        if (nk, ck) in grades:
            err("judgement %s/%s duplicated" % (nk, ck))
        grades[(nk, ck)] = g

    # counts and mix
    nn, nc = len(d["needs"]), len(d["companies"])
    if nn < MIN_NEEDS:
        err("only %d needs (min %d)" % (nn, MIN_NEEDS))
    if nc < MIN_COMPANIES:
        err("only %d companies (min %d)" % (nc, MIN_COMPANIES))
    lang_mix = Counter("+".join(sorted(v)) for v in desc_lang.values())
    for key in ("ja", "en", "en+ja"):
        share = lang_mix.get(key, 0) / max(1, nc)
        if not 0.2 <= share <= 0.47:
            err("companies described in %s: %d of %d (want about a third)" % (key, lang_mix.get(key, 0), nc))
    nl = Counter(need_lang.values())
    for l in LANGS:
        if nl.get(l, 0) < MIN_NEEDS_PER_LANG:
            err("only %d needs in %s (min %d)" % (nl.get(l, 0), l, MIN_NEEDS_PER_LANG))
    no_codes = sum(1 for n in d["needs"] if not n.get("taxonomy_codes"))
    if no_codes < MIN_NEEDS_NO_CODES:
        err("only %d needs without taxonomy codes (min %d)" % (no_codes, MIN_NEEDS_NO_CODES))
    for n in d["needs"]:
        rel = [c for (nk, c), g in grades.items() if nk == n["key"] and g >= 2]
        if len(rel) < 2:
            err("%s: only %d companies with relevance >= 2" % (n["key"], len(rel)))
        if len(rel) > 5:
            # recall@5 is divided by min(|relevant|, 5) here; a runner dividing by |relevant| would differ
            notes.append("note: %s has %d relevant companies (> 5)" % (n["key"], len(rel)))
    relevant_somewhere = {c for (nk, c), g in grades.items() if g >= 2}
    distractors = [c for c in comps if c not in relevant_somewhere]
    if len(distractors) < MIN_DISTRACTORS:
        err("only %d distractor companies (relevant to no need) (min %d)" % (len(distractors), MIN_DISTRACTORS))
    cross = [(nk, c) for (nk, c), g in grades.items() if g >= 2 and need_lang.get(nk) not in desc_lang.get(c, set())]
    if len(cross) < MIN_CROSS_LINGUAL:
        err("only %d relevant pairs where the company is not described in the need's language (min %d)"
            % (len(cross), MIN_CROSS_LINGUAL))

    # copy check: a need and its relevant companies must not share long phrases
    def shingles(text):
        text = (text or "").lower()
        out = set()
        words = WORD.findall(CJK.sub(" | ", text))
        out.update(" ".join(words[i:i + 5]) for i in range(len(words) - 4))
        for run in CJK.findall(text):
            out.update(run[i:i + 8] for i in range(len(run) - 7))
        return out

    ctext = {c["key"]: company_text(c) for c in d["companies"]}
    for n in d["needs"]:
        ns = shingles(n.get("title", "") + " " + n.get("description", ""))
        for (nk, ck), g in grades.items():
            if nk == n["key"]:
                common = ns & shingles(ctext.get(ck, ""))
                if common:
                    err("%s/%s share phrase(s): %s" % (nk, ck, sorted(common)[:3]))

    notes.append("needs %d (en %d, ja %d, without codes %d); companies %d (described ja only %d, en only %d, both %d); "
                 "distractors %d; judgements %d (grade 3: %d, 2: %d, 1: %d); cross-lingual relevant pairs %d"
                 % (nn, nl.get("en", 0), nl.get("ja", 0), no_codes, nc, lang_mix.get("ja", 0), lang_mix.get("en", 0),
                    lang_mix.get("en+ja", 0), len(distractors), len(grades),
                    sum(1 for g in grades.values() if g == 3), sum(1 for g in grades.values() if g == 2),
                    sum(1 for g in grades.values() if g == 1), len(cross)))
    return errors, notes


def baselines(d, seeds, per_need):
    comps = [c["key"] for c in d["companies"]]
    docs = [tokens(company_text(c)) for c in d["companies"]]
    by_need = {}
    for j in d["judgements"]:
        by_need.setdefault(j["need"], {})[j["company"]] = j["relevance"]
    bm25 = BM25(docs)
    rows = {"random": [], "bm25": [], "tfidf": []}
    detail, cross_ranks, same_ranks = [], [], []
    desc_lang = {c["key"]: company_desc_langs(c) for c in d["companies"]}
    for n in d["needs"]:
        g = by_need.get(n["key"], {})
        q = tokens(n["title"] + " " + n["description"])
        rnd = []
        for s in range(seeds):
            order = comps[:]
            random.Random(s).shuffle(order)
            rnd.append(metrics(order, g))
        rows["random"].append(tuple(mean(x[i] for x in rnd) for i in range(3)))
        for name, sc in (("bm25", bm25.scores(q)), ("tfidf", tfidf_scores(docs, q))):
            order = [c for _, c in sorted(zip(sc, comps), key=lambda t: (-t[0], t[1]))]
            rows[name].append(metrics(order, g))
            if name == "bm25":
                for c, grade in g.items():
                    if grade >= 2:
                        (same_ranks if n["language"] in desc_lang[c] else cross_ranks).append(order.index(c) + 1)
                detail.append((n["key"], n["language"], rows[name][-1], order[:5]))
    print("baseline (%d needs, %d companies; relevant = grade >= 2)" % (len(d["needs"]), len(comps)))
    print("  %-34s %9s %7s %8s" % ("ranking", "recall@5", "MRR", "nDCG@10"))
    labels = {"random": "random order (mean of %d seeds)" % seeds,
              "bm25": "BM25, words + ja char bigrams", "tfidf": "TF-IDF cosine, same tokens"}
    for name in ("random", "bm25", "tfidf"):
        r = rows[name]
        print("  %-34s %9.3f %7.3f %8.3f" % (labels[name], mean(x[0] for x in r), mean(x[1] for x in r), mean(x[2] for x in r)))
    # the cross-lingual slice: relevant companies not described in the need's language
    print("  mean BM25 rank of a relevant company: same language %.1f (n=%d), other language only %.1f (n=%d); "
          "random %.1f" % (mean(same_ranks), len(same_ranks), mean(cross_ranks), len(cross_ranks), (len(comps) + 1) / 2))
    if per_need:
        print("  per need (BM25): key lang recall@5 RR nDCG@10 top5")
        for k, lang, (r5, rr, nd), top in detail:
            print("   %s %s %.2f %.2f %.2f %s" % (k, lang, r5, rr, nd, " ".join(top)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default=os.path.join(HERE, "dataset.json"))
    ap.add_argument("--taxonomy", default=None)
    ap.add_argument("--seeds", type=int, default=200)
    ap.add_argument("--per-need", action="store_true")
    a = ap.parse_args()
    with open(a.dataset, encoding="utf-8") as f:
        d = json.load(f)
    tax = find_taxonomy(a.taxonomy)
    errors, notes = validate(d, load_codes(tax))
    print("taxonomy: %s" % os.path.relpath(tax) if tax.startswith(REPO) else "taxonomy: %s" % tax)
    for n in notes:
        print(n)
    if errors:
        for e in errors:
            print("ERROR: " + e, file=sys.stderr)
        print("%d error(s)" % len(errors), file=sys.stderr)
        sys.exit(1)
    print("valid")
    baselines(d, a.seeds, a.per_need)


if __name__ == "__main__":
    main()
