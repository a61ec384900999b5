from glute_tui.cli import main

raise SystemExit(main())
