import json
import re
def parse_content(content: str):
    """Parse result.content regardless of format."""
    # Strip markdown code fence if present
    fence_match = re.match(r"```(?:json)?\s*([\s\S]*?)\s*```", content.strip())
    if fence_match:
        content = fence_match.group(1)
    try:
        return json.loads(content)
    except (json.JSONDecodeError, ValueError):
        return content # plain text
