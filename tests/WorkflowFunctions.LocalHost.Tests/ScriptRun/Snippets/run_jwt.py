import requests
url = "https://scriptrun.ai/api/v1/workflows/6/run/"
headers = {"Authorization": "Bearer <JWT Token>"}
data = {
"input_data": {
"user_name": "John Doe",
"email": "john@example.com"
}
}
response = requests.post(url, headers=headers, json=data)
print(response.json())
