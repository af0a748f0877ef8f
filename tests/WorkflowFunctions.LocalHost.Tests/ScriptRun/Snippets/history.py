import requests
url = "https://scriptrun.ai/api/v1/workflows/6/history/"
headers = {"X-Api-Key": "<Your API Key>"}
params = {"page_size": 10, "ordering": "-created_at"}
response = requests.get(url, headers=headers, params=params)
print(response.json())
