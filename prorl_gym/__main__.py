from prorl_gym.cli import main

raise SystemExit(main())
