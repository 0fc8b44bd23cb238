"""``python -m rightscope``: the same as the ``rightscope`` command."""

from rightscope.cli import main

if __name__ == "__main__":
    main()
