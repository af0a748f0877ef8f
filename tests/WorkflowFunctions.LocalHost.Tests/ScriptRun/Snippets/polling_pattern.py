import time
import requests
API_KEY = "<Your API Key>"
WORKFLOW_ID = 6
# 1. Start the run
run_resp = requests.post(
    f"https://scriptrun.ai/api/v1/workflows/{WORKFLOW_ID}/run/",
    headers={"X-Api-Key": API_KEY, "Content-Type": "application/json"},
    data='{"user_name": "John Doe"}',
)
run_body = run_resp.json()
if run_body.get("status") != 201:
    raise RuntimeError(f"Workflow failed to start: {run_body}")
run_id = run_body["data"]["id"] # UUID string
# 2. Poll until complete
TERMINAL_STATUSES = {"succeed", "failed"}
for _ in range(60):
    result_resp = requests.get(
        "https://scriptrun.ai/api/v1/workflows/workflow_result/",
        headers={"X-Api-Key": API_KEY},
        params={"id": run_id},
    )
    result = result_resp.json()
    executor_data = result.get("data", {})
    current_status = executor_data.get("status")
    if current_status in TERMINAL_STATUSES:
        print("Done:", executor_data)
        break
    time.sleep(3)
else:
    print("Timed out")
