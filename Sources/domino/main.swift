print("domino")
