"""The client address behind reverse proxies: only what our own proxies wrote is believed."""

from django.test import RequestFactory

from kinerja.core.middleware import client_ip


def request_with(forwarded: str | None, remote: str = "10.0.0.1"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_configured_header_the_socket_address_is_used(settings):
    settings.CLIENT_IP_HEADER = ""
    assert client_ip(request_with("1.2.3.4")) == "10.0.0.1"


def test_a_forged_first_element_of_x_forwarded_for_is_ignored(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXY_HOPS = 1
    # The client wrote "6.6.6.6"; the one trusted proxy appended the address it really saw.
    assert client_ip(request_with("6.6.6.6, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(request_with("203.0.113.7")) == "203.0.113.7"


def test_with_two_trusted_proxies_the_element_the_outer_proxy_appended_is_taken(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXY_HOPS = 2
    # client forgery, real client (appended by the outer proxy), outer proxy (appended by the inner one)
    assert client_ip(request_with("6.6.6.6, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"


def test_an_empty_header_falls_back_to_the_socket_address(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert client_ip(request_with(None)) == "10.0.0.1"
    assert client_ip(request_with(" , ")) == "10.0.0.1"
