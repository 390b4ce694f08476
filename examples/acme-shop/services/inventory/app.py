"""Inventory service: stock levels per SKU, checked against the catalog."""
import os

import psycopg
import requests
from flask import Flask, abort, jsonify

app = Flask(__name__)

CATALOG_URL = os.environ["CHOREO_CATALOG_SERVICEURL"]


def connect() -> psycopg.Connection:
    # stock-db is this component's own connection: no "uses" entry needed.
    return psycopg.connect(
        host=os.environ["CHOREO_STOCK_DB_HOSTNAME"],
        port=int(os.environ["CHOREO_STOCK_DB_PORT"]),
        user=os.environ["CHOREO_STOCK_DB_USERNAME"],
        password=os.environ["CHOREO_STOCK_DB_PASSWORD"],
        dbname=os.environ["CHOREO_STOCK_DB_DATABASENAME"],
    )


@app.get("/stock/<sku>")
def stock(sku: str):
    if requests.get(f"{CATALOG_URL}/products/{sku}", timeout=5).status_code == 404:
        abort(404)
    with connect() as conn:
        row = conn.execute("SELECT quantity FROM stock WHERE sku = %s", (sku,)).fetchone()
    return jsonify(sku=sku, quantity=row[0] if row else 0)


if __name__ == "__main__":
    app.run(port=int(os.environ.get("PORT", "8080")))
