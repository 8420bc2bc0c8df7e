// Suggestions as the reader types, in the field's <datalist>: for the site's search box (names of records of
// every kind) and for the filters that name one record of a large table (a person, a body, a post). What is
// typed is sent to the address in the field's data-autocomplete. Without this script the search still searches
// and the filter fields still take a name or a slug, which the server resolves.
(function () {
  "use strict";

  var PAUSE_MS = 200;
  var MIN_LENGTH = 2;

  function suggest(input, list) {
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var query = input.value.trim();
        if (query.length < MIN_LENGTH || query === asked) {
          return;
        }
        asked = query;
        var url = input.getAttribute("data-autocomplete") + "?q=" + encodeURIComponent(query);
        window.fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
          .then(function (response) {
            return response.ok ? response.json() : { results: [] };
          })
          .then(function (data) {
            // An answer to an older query must not replace the suggestions for what is typed now.
            if (input.value.trim() !== query) {
              return;
            }
            var options = data.results.map(function (item) {
              var option = document.createElement("option");
              option.value = item.value;
              if (item.label !== item.value) {
                option.label = item.label;
              }
              return option;
            });
            list.replaceChildren.apply(list, options);
          })
          .catch(function () {
            asked = "";
          });
      }, PAUSE_MS);
    });
  }

  document.querySelectorAll("input[data-autocomplete][list]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (list && window.fetch) {
      suggest(input, list);
    }
  });
})();
