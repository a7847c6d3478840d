from leansharp_tools.cli import main

main()
