// Notifications: texts customers when they earn loyalty points.
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

var loyaltyUrl = Environment.GetEnvironmentVariable("CHOREO_LOYALTY_SERVICEURL");
var tokenUrl = Environment.GetEnvironmentVariable("CHOREO_LOYALTY_TOKENURL");
var clientId = Environment.GetEnvironmentVariable("CHOREO_LOYALTY_CONSUMERKEY");
var clientSecret = Environment.GetEnvironmentVariable("CHOREO_LOYALTY_CONSUMERSECRET");

var twilioUrl = Environment.GetEnvironmentVariable("CHOREO_TWILIO_SMS_SERVICEURL");
var accountSid = Environment.GetEnvironmentVariable("CHOREO_TWILIO_SMS_ACCOUNTSID");
var authToken = Environment.GetEnvironmentVariable("CHOREO_TWILIO_SMS_AUTHTOKEN");
var from = Environment.GetEnvironmentVariable("CHOREO_TWILIO_SMS_FROMNUMBER");

using var http = new HttpClient();

async Task<int> PointsOf(string customerId)
{
    var token = await http.PostAsync(tokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials", ["client_id"] = clientId!, ["client_secret"] = clientSecret!,
    }));
    var accessToken = (await token.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["access_token"].ToString();
    using var request = new HttpRequestMessage(HttpMethod.Get, $"{loyaltyUrl}/customers/{customerId}/points");
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
    return (await (await http.SendAsync(request)).Content.ReadFromJsonAsync<PointsBalance>())!.Points;
}

async Task Text(string phone, string message)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, $"{twilioUrl}/Accounts/{accountSid}/Messages.json")
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["To"] = phone, ["From"] = from!, ["Body"] = message }),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{authToken}")));
    (await http.SendAsync(request)).EnsureSuccessStatusCode();
}

// Event: a customer's order shipped; tell them their new points balance.
var (customer, phoneNumber) = (args[0], args[1]);
await Text(phoneNumber, $"Your order is on its way. You now have {await PointsOf(customer)} loyalty points.");

record PointsBalance(int Points);
