from migrata._entry import main

main()
