"""Streamlit explorer (stub)."""
