"""Reads every item of batches of a one-step workflow until it is final and counts final answers without a result.

Usage (a LocalHost on Azurite, a rate limit high enough for the polling):
  AzureWebJobsStorage=UseDevelopmentStorage=true Auth__BootstrapKey=dev-key Api__RateLimitPerMinute=1000000 \
    dotnet run -c Release --project src/WorkflowFunctions.LocalHost
  python3 bench/probes/batch-item-reads.py http://127.0.0.1:7071/api 300 4

A batch item finishing in its first step records its end before the Azure Storage backend stores its orchestration;
a read in between must not answer "succeeded" without the result (docs/api.md, GET /runs/{id}/result).
"""
import json
import os
import sys
import threading

import requests

base, items, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
headers = {"x-api-key": os.environ.get("API_KEY", "dev-key")}
graph = {
    "start_node": "t",
    "nodes": [
        {"id": "t", "type": "trigger-node", "data": {}},
        {"id": "o", "type": "output-node", "data": {"output": "name={{ input.name }}"}},
    ],
    "edges": [{"source": "t", "target": "o"}],
}
created = requests.post(f"{base}/v1/workflows", json={"title": "batch item reads", "data": graph}, headers=headers)
created.raise_for_status()
workflow = created.json()["id"]
lock = threading.Lock()
final = without_result = 0


def poll(run_ids):
    global final, without_result
    session = requests.Session()
    left = list(run_ids)
    while left:
        still = []
        for run_id in left:
            run = session.get(f"{base}/v1/runs/{run_id}", headers=headers).json()
            if run.get("status") not in ("succeeded", "failed", "cancelled"):
                still.append(run_id)
                continue
            with lock:
                final += 1
                if (run.get("result") or {}).get("output") is None:
                    without_result += 1
                    print("final without a result:", json.dumps(run)[:300], flush=True)
        left = still


for round_ in range(rounds):
    batch = requests.post(f"{base}/v1/workflows/{workflow}/batches", json={"items": [{"name": str(i)} for i in range(items)]}, headers=headers)
    batch.raise_for_status()
    runs = [run["run_id"] for run in batch.json()["runs"]]
    threads = [threading.Thread(target=poll, args=(runs[i::8],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"round {round_ + 1}: {final} final answers, {without_result} without a result", flush=True)
sys.exit(1 if without_result else 0)
