"""The animator's tools: PIN, visit questionnaire and plan."""
