#!/usr/bin/env python3
"""Checks a soak run (bench/soak.sh) from three witnesses: the history (`history --json`), the
result folder, and the fake's own log (/_fake/requests, /_fake/v2/calls, /_fake/v2/generations).
Prints the figures and exits 1 on any violation.
Usage: soak_check.py WORK IMAGES LEGACY_PRICE_USD"""
import collections, datetime, glob, json, os, sys

work, expected_images, legacy_price = sys.argv[1], int(sys.argv[2]), round(float(sys.argv[3]) * 1_000_000)
history = [json.loads(line) for line in open(f"{work}/history.jsonl") if line.strip()]
requests = json.load(open(f"{work}/requests.json"))
calls = json.load(open(f"{work}/calls.json"))
generations = {g["generationID"]: g for g in json.load(open(f"{work}/generations.json"))}
kill_times = [float(line) for line in open(f"{work}/kill-times") if line.strip()]
violations = []

def killed_soon_after(post):
    """The client was killed within 10 s after this request arrived, or just before (the fake may
    read a request the kernel still held after its sender died): an answer sent whole may never
    have been read, and the job is truthfully outcome unknown."""
    at = datetime.datetime.fromisoformat(post["receivedAt"].replace("Z", "+00:00")).timestamp()
    return any(at - 5 <= k <= at + 10 for k in kill_times)

def violation(text):
    violations.append(text)

# 1. Every image ends in a truthful final state; the counts add up.
by_source = collections.defaultdict(list)
for job in history:
    by_source[os.path.basename(job["source"])].append(job)
sources = sorted(os.path.basename(p) for p in glob.glob(f"{work}/images/*"))
states = collections.Counter(job["status"] for job in history)
for name in sources:
    if len(by_source[name]) != 1:
        violation(f"{name}: {len(by_source[name])} jobs in the history (expected 1)")
unfinished = [j for j in history if j["status"] in ("queued", "uploading", "waiting", "downloading")]
for job in unfinished:
    violation(f"{job['source']}: left {job['status']}")

# What the fake did per source name: legacy POSTs, v2 POSTs (quotes apart).
legacy_posts = collections.defaultdict(list)
for r in requests:
    legacy_posts[r.get("filename")].append(r)
v2_posts = collections.defaultdict(list)
for c in calls:
    if c["kind"] == "upscale":
        v2_posts[c.get("filename")].append(c)

def billed_post(post):
    """A POST the service acted on (answered 200: legacy images issued, v2 generation accepted)."""
    return post["status"] == 200

# 3 and 4. Nothing sent again once the service acted on it (no option allows a resend).
resent = 0
for name in sources:
    for posts in (legacy_posts[name], v2_posts[name]):
        acted = [i for i, p in enumerate(posts) if billed_post(p)]
        if acted and acted[0] != len(posts) - 1:
            resent += 1
            violation(f"{name}: sent again after the service answered 200 ({[p['status'] for p in posts]})")

# Truthful states, per job, against what the fake did.
images_on_disk = 0
history_legacy_images = 0
fake_legacy_images = 0
unknown_legacy_images = 0
lost_to_kills = 0
for name in sources:
    for job in by_source[name]:
        status, unknown = job["status"], job["status"] == "outcome_unknown" or job["may_have_been_billed"]
        if job["model"] == "legacy":
            answered = [p for p in legacy_posts[name] if billed_post(p)]
            issued = json.loads(answered[0]["imageRequestJSON"] or "{}").get("num_images", 1) if answered else 0
            whole = [p for p in answered if p.get("delivery") == "whole"]
            fake_legacy_images += issued
            if job["billed_usd_micros"] is not None:
                history_legacy_images += job["billed_usd_micros"] // legacy_price
            elif unknown:
                unknown_legacy_images += issued
            if status == "done" and not whole:
                violation(f"{name}: done, but the fake never answered it whole")
            withheld_as_safety = status == "failed" and job["error_category"] == "safety" and not whole[0]["resultURLs"] if whole else False
            lost_to_kill = bool(whole) and status == "outcome_unknown" and killed_soon_after(whole[0])
            lost_to_kills += lost_to_kill
            if lost_to_kill:
                expected_urls = []
            elif whole and status != "done" and not withheld_as_safety:
                violation(f"{name}: answered whole by the fake but {status}")
            if answered and not whole and not unknown:
                violation(f"{name}: its answer was cut ({answered[0].get('delivery')}) but the history says it was not billed")
            if not answered and status not in ("failed", "outcome_unknown", "rejected", "cancelled"):
                violation(f"{name}: never answered 200 but {status}")
            if not answered and job["billed_usd_micros"]:
                violation(f"{name}: never answered 200 but billed {job['billed_usd_micros']}")
            if not lost_to_kill:
                expected_urls = whole[0]["resultURLs"] if whole else []
        else:
            accepted = [p for p in v2_posts[name] if billed_post(p)]
            gid = job["generation_id"]
            if gid is not None and gid not in generations:
                violation(f"{name}: generation {gid} unknown to the fake")
            if accepted and gid is None and not unknown:
                violation(f"{name}: accepted by the fake but the history has no generation and says not billed")
            generation = generations.get(gid)
            expected_urls = []
            if generation:
                if generation["status"] == "pending":
                    violation(f"{name}: generation {gid} still pending at the fake")
                want = {"completed": "done", "failed": "failed"}.get(generation["status"])
                if want and status != want:
                    violation(f"{name}: generation {gid} {generation['status']} but the job is {status}")
                if (job["billed_usd_micros"] or 0) != generation["billedUSDMicros"]:
                    violation(f"{name}: history billed {job['billed_usd_micros']}, the fake billed {generation['billedUSDMicros']}")
                polls = [c for c in calls if c["kind"] == "poll" and c.get("generationID") == gid and c["status"] == 200]
                if not polls or polls[-1].get("generationStatus") not in ("completed", "failed"):
                    violation(f"{name}: generation {gid} not polled to its end")
                if generation["status"] == "completed" and not generation["withheld"]:
                    expected_urls = [None]  # one image, matched by generation id below
            elif status == "done":
                violation(f"{name}: done without a generation the fake knows")
        # 2. Every URL answered whole is on disk with its sidecar, exactly once.
        saved = [r for r in job["results"] if r["outcome"] == "saved"]
        if len(saved) != len(expected_urls):
            violation(f"{name}: {len(saved)} results saved, {len(expected_urls)} expected")
        for want, result in zip(expected_urls, saved):
            if want is not None and result["url"] != want:
                violation(f"{name}: saved {result['url']}, the fake answered {want}")
            if not (result["file"] and os.path.isfile(result["file"]) and os.path.isfile(result["file"] + ".json")):
                violation(f"{name}: result {result['file']} or its sidecar missing")
                continue
            sidecar = json.load(open(result["file"] + ".json"))
            if want is not None and sidecar["url"] != want:
                violation(f"{name}: the sidecar names {sidecar['url']}")
            if job["model"] != "legacy" and (sidecar.get("generation") or {}).get("generation_id") != job["generation_id"]:
                violation(f"{name}: the sidecar names another generation")
            images_on_disk += 1

# Exactly once: the result folder holds the saved results and their sidecars, nothing else.
files = [p for p in glob.glob(f"{work}/out/**/*", recursive=True) if os.path.isfile(p)]
pictures = [p for p in files if not p.endswith(".json")]
sidecars = [p for p in files if p.endswith(".json")]
sidecar_keys = collections.Counter()
for p in sidecars:
    s = json.load(open(p))
    sidecar_keys[(s.get("generation") or {}).get("generation_id") or s["url"]] += 1
duplicates = sum(n - 1 for n in sidecar_keys.values() if n > 1)
if len(pictures) != images_on_disk or len(sidecars) != images_on_disk:
    violation(f"result folder: {len(pictures)} pictures and {len(sidecars)} sidecars for {images_on_disk} saved results")
if duplicates:
    violation(f"result folder: {duplicates} results saved more than once")

# 5. Money: the history's bill against the fake's ledger.
v2_jobs = [j for j in history if j["model"] != "legacy"]
known = {j["generation_id"] for j in v2_jobs if j["generation_id"]}
history_v2 = sum(j["billed_usd_micros"] or 0 for j in v2_jobs)
fake_v2_known = sum(g["billedUSDMicros"] for gid, g in generations.items() if gid in known)
fake_v2_unknown = sum(g["billedUSDMicros"] for gid, g in generations.items() if gid not in known)
orphans = [gid for gid in generations if gid not in known]
v2_unknown_jobs = [j for j in v2_jobs if j["generation_id"] is None and (j["status"] == "outcome_unknown" or j["may_have_been_billed"])]
if history_v2 != fake_v2_known:
    violation(f"v2: the history billed {history_v2} micro-USD, the fake {fake_v2_known} for the same generations")
if len(orphans) > len(v2_unknown_jobs):
    violation(f"v2: {len(orphans)} generations the history never learnt of, but only {len(v2_unknown_jobs)} jobs say they may have been billed")
if history_legacy_images + unknown_legacy_images != fake_legacy_images:
    violation(f"legacy: the history billed {history_legacy_images} images (+{unknown_legacy_images} outcome unknown), the fake answered {fake_legacy_images}")

if len(history) != expected_images:
    violation(f"{len(history)} jobs in the history for {expected_images} images")
legacy_sends = sum(len(v) for v in legacy_posts.values())
v2_sends = sum(len(v) for v in v2_posts.values())
quotes = sum(1 for c in calls if c["kind"] == "quote")
polls = sum(1 for c in calls if c["kind"] == "poll")
faults = collections.Counter(r["status"] for r in requests) + collections.Counter(c["status"] for c in calls if c["kind"] == "upscale")
deliveries = collections.Counter(r.get("delivery") for r in requests if r["status"] == 200)
print(f"jobs {len(history)} of {expected_images}: " + ", ".join(f"{k} {v}" for k, v in sorted(states.items())))
print(f"sends: legacy {legacy_sends} POSTs (200: {dict(deliveries)}), v2 {v2_sends} POSTs, {quotes} quotes, {polls} polls; "
      f"statuses {dict(sorted(faults.items()))}")
print(f"generations {len(generations)}: " + ", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(
    ('withheld' if g['withheld'] else g['status']) for g in generations.values()).items()))
      + f"; {len(orphans)} accepted but never learnt of (answer cut), {len(v2_unknown_jobs)} v2 jobs outcome unknown")
print(f"legacy answers sent whole while the client was being killed (outcome unknown, URL never recorded): {lost_to_kills}")
print(f"results on disk {images_on_disk} (pictures {len(pictures)}, sidecars {len(sidecars)}, saved twice {duplicates}); resent after a 200: {resent}")
print(f"billed: v2 history {history_v2} = fake {fake_v2_known} micro-USD (+{fake_v2_unknown} on generations the client never learnt of); "
      f"legacy history {history_legacy_images} images + {unknown_legacy_images} outcome unknown = fake {fake_legacy_images}")
for text in violations[:40]:
    print("VIOLATION:", text)
print(f"{len(violations)} violations")
sys.exit(1 if violations else 0)
