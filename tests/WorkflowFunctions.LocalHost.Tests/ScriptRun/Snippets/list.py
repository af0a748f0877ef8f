url = "https://scriptrun.ai/api/v1/workflows/"
headers = {"X-Api-Key": "<Your API Key>"}
params = {"project": 307}
response = requests.get(url, headers=headers, params=params)
print(response.json())
