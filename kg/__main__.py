"""``python -m kg`` runs the akimkg command line."""
from kg.cli import main

raise SystemExit(main())
