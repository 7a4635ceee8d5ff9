{ port = 80, debug = False }
