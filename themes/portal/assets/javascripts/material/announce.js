// mkdocs-material 9.8.2 partials/javascripts/announce.html (MIT licence, Martin Donath), moved from an
// inline <script> into a file so that the Content-Security-Policy needs no 'unsafe-inline'.
var el=document.querySelector("[data-md-component=announce]");if(el){var content=el.querySelector(".md-typeset");__md_hash(content.innerHTML)===__md_get("__announce")&&(el.hidden=!0)}
