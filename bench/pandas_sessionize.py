#!/usr/bin/python3
"""The ingest job in pandas, as a shop's data scientist would write it: read the browse log,
sort by customer and time, and cut sessions at pauses of more than 30 minutes.
Prints: events sessions customers products (one line), for the comparison table."""
import sys

import pandas as pd

path = sys.argv[1]
gap = pd.Timedelta(minutes=30)
df = pd.read_csv(path, usecols=["customer_id", "product_id", "timestamp"])
df["timestamp"] = pd.to_datetime(df["timestamp"], format="%Y-%m-%dT%H:%M:%SZ")
df = df.sort_values(["customer_id", "timestamp"], kind="stable")
new_customer = df["customer_id"].ne(df["customer_id"].shift())
long_pause = df["timestamp"].diff() > gap
df["session"] = (new_customer | long_pause).cumsum()
print(len(df), df["session"].iat[-1], df["customer_id"].nunique(), df["product_id"].nunique())
