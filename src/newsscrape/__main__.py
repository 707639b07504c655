from newsscrape.cli import main

main()
