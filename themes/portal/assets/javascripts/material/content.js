// mkdocs-material 9.8.2 partials/javascripts/content.html (MIT licence, Martin Donath), moved from an
// inline <script> into a file so that the Content-Security-Policy needs no 'unsafe-inline'.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
