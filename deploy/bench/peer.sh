# Sourced by the serving benchmarks: trains the original design's forest on the primary file (features_fast.py,
# train_seed.py) and starts its FastAPI service (serve_seed.py, one uvicorn worker, as the seed ran it) on
# 127.0.0.1:8000. Needs: root, out, pids (array), wait_for. Sets peer_body, the request both services answer.
peers="$(cd "$root/../shared/peers/seed_py" && pwd)"
primary="$(cd "$root/../shared/data/crashes" && pwd)/brooklyn_zip11234_2012-07_to_2021-11.csv"
py=/usr/bin/python3
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
$py -c 'import fastapi, uvicorn, sklearn, pandas, joblib' 2>/dev/null ||
    apt-get install -y -qq python3-fastapi python3-uvicorn python3-sklearn python3-pandas python3-joblib >/dev/null
echo "== the peer: the seed's features, forest and FastAPI service"
$py "$peers/features_fast.py" "$primary" "$out/peer-features.csv" >/dev/null
$py "$peers/train_seed.py" "$out/peer-features.csv" "$out/peer-model.joblib" >/dev/null
(cd "$peers" && MODEL="$out/peer-model.joblib" exec $py -m uvicorn serve_seed:app --host 127.0.0.1 --port 8000 \
    --log-level warning) >"$out/peer.log" 2>&1 &
pids+=($!)
peer_body='{"intersection_id":"x","accidents_6m":3,"accidents_1y":5,"accidents_5y":20}'
wait_for -X POST -H 'Content-Type: application/json' -d "$peer_body" http://127.0.0.1:8000/predict
