package com.acme.billing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

/** Nightly billing run: invoices yesterday's orders through Stripe and books them in the ledger. */
public final class BillingService {
    public static void main(String[] args) throws Exception {
        String ledgerUrl = "jdbc:postgresql://" + System.getenv("CHOREO_LEDGER_DB_HOSTNAME") + ":"
                + System.getenv("CHOREO_LEDGER_DB_PORT") + "/" + System.getenv("CHOREO_LEDGER_DB_DATABASENAME");
        String stripeUrl = System.getenv("CHOREO_STRIPE_SERVICEURL");
        String stripeKey = System.getenv("CHOREO_STRIPE_APIKEY");
        HttpClient http = HttpClient.newHttpClient();

        try (Connection ledger = DriverManager.getConnection(ledgerUrl,
                System.getenv("CHOREO_LEDGER_DB_USERNAME"), System.getenv("CHOREO_LEDGER_DB_PASSWORD"))) {
            ResultSet due = ledger.createStatement().executeQuery("SELECT customer_id, total_cents FROM invoices_due");
            while (due.next()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(stripeUrl + "/invoiceitems"))
                        .header("Authorization", "Bearer " + stripeKey)
                        .POST(HttpRequest.BodyPublishers.ofString("customer=" + due.getString(1) + "&amount=" + due.getLong(2) + "&currency=eur"))
                        .build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                System.out.printf("invoiced %s: HTTP %d%n", due.getString(1), response.statusCode());
            }
        }
    }
}
