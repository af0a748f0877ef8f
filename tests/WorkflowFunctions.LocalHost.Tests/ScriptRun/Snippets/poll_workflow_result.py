import time
import requests
def poll_workflow_result(run_id: str, api_key: str, timeout_seconds: int = 180):
    headers = {"X-Api-Key": api_key}
    url = "https://scriptrun.ai/api/v1/workflows/workflow_result/"
    terminal = {"succeed", "failed"}
    deadline = time.time() + timeout_seconds
    while time.time() < deadline:
        resp = requests.get(url, headers=headers, params={"id": run_id})
        body = resp.json()
        data = body.get("data", {})
        status = data.get("status")
        if status in terminal:
            node_results = data.get("data", {})
            if node_results:
                return data # fully consistent result
            # Terminal but data not yet available — brief consistency window
            time.sleep(2)
            continue
        time.sleep(3)
    raise TimeoutError(f"Workflow run {run_id} did not complete within {timeout_seconds}s")
