" .vpn files: the input language of vpnc.
autocmd BufNewFile,BufRead *.vpn setfiletype vpn
