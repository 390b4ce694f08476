// Shipping: checks the product in the catalog, buys a label from the carrier, records the shipment.
package main

import (
	"database/sql"
	"fmt"
	"log"
	"net/http"
	"os"

	_ "github.com/lib/pq"
)

func main() {
	db, err := sql.Open("postgres", fmt.Sprintf("host=%s port=%s user=%s password=%s dbname=%s",
		os.Getenv("CHOREO_SHARED_POSTGRES_HOSTNAME"), os.Getenv("CHOREO_SHARED_POSTGRES_PORT"),
		os.Getenv("CHOREO_SHARED_POSTGRES_USERNAME"), os.Getenv("CHOREO_SHARED_POSTGRES_PASSWORD"),
		os.Getenv("CHOREO_SHARED_POSTGRES_DATABASENAME")))
	if err != nil {
		log.Fatal(err)
	}
	catalog := os.Getenv("CHOREO_CATALOG_SERVICEURL")
	carrier := os.Getenv("CHOREO_CARRIER_API_SERVICEURL")
	apiKey := os.Getenv("CHOREO_CARRIER_API_APIKEY")
	mode := os.Getenv("CHOREO_CARRIER_API_MODE")

	http.HandleFunc("/shipments", func(w http.ResponseWriter, r *http.Request) {
		if res, err := http.Get(catalog + "/products/" + r.URL.Query().Get("sku")); err != nil || res.StatusCode != http.StatusOK {
			http.Error(w, "unknown product", http.StatusBadRequest)
			return
		}
		req, _ := http.NewRequest(http.MethodPost, carrier+"/shipments?mode="+mode, r.Body)
		req.SetBasicAuth(apiKey, "")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer res.Body.Close()
		_, _ = db.Exec("INSERT INTO shipments (order_id, status) VALUES ($1, 'label-bought')", r.URL.Query().Get("order"))
		w.WriteHeader(res.StatusCode)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
